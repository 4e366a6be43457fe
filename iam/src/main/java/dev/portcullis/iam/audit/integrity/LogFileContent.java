package dev.portcullis.iam.audit.integrity;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;

/**
 * The uncompressed content of a CloudTrail log file, {@code {"Records":[...]}} with each stored
 * record unchanged, written and hashed (SHA-256, the digest's hashValue) as it streams.
 */
public final class LogFileContent {
  private static final byte[] OPEN = "{\"Records\":[".getBytes(StandardCharsets.US_ASCII);
  private static final byte[] CLOSE = "]}".getBytes(StandardCharsets.US_ASCII);
  private final MessageDigest sha;
  private final OutputStream out;
  private int count;

  /** Content written to {@code out}, or only hashed when {@code out} is null. */
  public LogFileContent(OutputStream out) {
    try {
      this.sha = MessageDigest.getInstance("SHA-256");
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("SHA-256 is part of every Java runtime", e);
    }
    this.out = out;
    write(OPEN);
  }

  public void add(String record) {
    if (count++ > 0) {
      write(new byte[] {','});
    }
    write(record.getBytes(StandardCharsets.UTF_8));
  }

  public int count() {
    return count;
  }

  /** Closes the content; returns its hex SHA-256. */
  public String finish() {
    write(CLOSE);
    return HexFormat.of().formatHex(sha.digest());
  }

  private void write(byte[] bytes) {
    sha.update(bytes);
    if (out != null) {
      try {
        out.write(bytes);
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
    }
  }

  /**
   * The text of each record of a log file's content, exactly as it appears (the chain hashes
   * those bytes); fails with IllegalArgumentException when it is no {@code {"Records":[...]}}.
   */
  public static List<String> records(String content) {
    List<String> records = new ArrayList<>();
    try (JsonParser p = new JsonFactory().createParser(content)) {
      expect(p.nextToken() == JsonToken.START_OBJECT);
      expect(p.nextToken() == JsonToken.FIELD_NAME && "Records".equals(p.currentName()));
      expect(p.nextToken() == JsonToken.START_ARRAY);
      while (p.nextToken() == JsonToken.START_OBJECT) {
        int start = (int) p.currentTokenLocation().getCharOffset();
        p.skipChildren();
        int end = (int) p.currentLocation().getCharOffset();
        records.add(content.substring(start, end));
      }
      expect(p.currentToken() == JsonToken.END_ARRAY);
    } catch (IOException e) {
      throw new IllegalArgumentException("not a CloudTrail log file: " + e.getMessage(), e);
    }
    return records;
  }

  private static void expect(boolean ok) {
    if (!ok) {
      throw new IllegalArgumentException("not a CloudTrail log file ({\"Records\":[...]})");
    }
  }
}
