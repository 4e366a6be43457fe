package dev.portcullis.iam.audit.integrity;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;

/**
 * A digest file's content: CloudTrail's digest fields (see the CloudTrail User Guide, "CloudTrail
 * digest file structure") plus what names single events: the chain positions it covers, the
 * chain hash before and after them, and per log file its events' ids and chain hashes. The
 * JSON is written once, signed and stored as written; verifiers hash those exact bytes.
 *
 * @param oldestEventTime null for a digest of an empty period (CloudTrail writes null too)
 * @param previousObjectName null (and so the previous hash and signature) for the first digest
 * @param firstSeq the first chain position covered; {@code lastSeq = firstSeq - 1} when empty
 */
public record DigestDocument(long number, String accountId, String startTime, String endTime,
    String objectName, String fingerprint, String oldestEventTime, String newestEventTime,
    String previousObjectName, String previousHashValue, String previousSignature,
    long firstSeq, long lastSeq, String previousEventHash, String lastEventHash,
    List<LogFileListing> logFiles) {

  private static final ObjectMapper JSON = new ObjectMapper();

  public DigestDocument {
    logFiles = List.copyOf(logFiles);
  }

  /** The JSON of this digest, compact, its fields in a fixed order. */
  public String toJson() {
    StringWriter out = new StringWriter();
    try (JsonGenerator g = new JsonFactory().createGenerator(out)) {
      g.writeStartObject();
      g.writeStringField("awsAccountId", accountId);
      g.writeStringField("digestStartTime", startTime);
      g.writeStringField("digestEndTime", endTime);
      g.writeStringField("digestS3Bucket", TrailLayout.BUCKET);
      g.writeStringField("digestS3Object", objectName);
      g.writeStringField("digestPublicKeyFingerprint", fingerprint);
      g.writeStringField("digestSignatureAlgorithm", DigestKeys.ALGORITHM);
      g.writeStringField("newestEventTime", newestEventTime);
      g.writeStringField("oldestEventTime", oldestEventTime);
      g.writeStringField("previousDigestS3Bucket",
          previousObjectName == null ? null : TrailLayout.BUCKET);
      g.writeStringField("previousDigestS3Object", previousObjectName);
      g.writeStringField("previousDigestHashValue", previousHashValue);
      g.writeStringField("previousDigestHashAlgorithm",
          previousObjectName == null ? null : "SHA-256");
      g.writeStringField("previousDigestSignature", previousSignature);
      g.writeNumberField("digestNumber", number);
      g.writeNumberField("firstSequenceNumber", firstSeq);
      g.writeNumberField("lastSequenceNumber", lastSeq);
      g.writeStringField("previousEventHash", previousEventHash);
      g.writeStringField("lastEventHash", lastEventHash);
      g.writeArrayFieldStart("logFiles");
      for (LogFileListing f : logFiles) {
        g.writeStartObject();
        g.writeStringField("s3Bucket", TrailLayout.BUCKET);
        g.writeStringField("s3Object", f.objectName());
        g.writeStringField("hashValue", f.hashValue());
        g.writeStringField("hashAlgorithm", "SHA-256");
        g.writeStringField("newestEventTime", f.newestEventTime());
        g.writeStringField("oldestEventTime", f.oldestEventTime());
        g.writeNumberField("firstSequenceNumber", f.firstSeq());
        g.writeStringField("previousEventHash", f.previousEventHash());
        g.writeArrayFieldStart("events");
        for (LogFileListing.Entry e : f.events()) {
          g.writeStartObject();
          g.writeStringField("eventID", e.eventId());
          g.writeStringField("hash", e.hash());
          g.writeEndObject();
        }
        g.writeEndArray();
        g.writeEndObject();
      }
      g.writeEndArray();
      g.writeEndObject();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return out.toString();
  }

  /** Reads a digest's JSON; fails with IllegalArgumentException when it is not one. */
  public static DigestDocument parse(String json) {
    try {
      JsonNode n = JSON.readTree(json);
      List<LogFileListing> files = new ArrayList<>();
      for (JsonNode f : required(n, "logFiles")) {
        List<LogFileListing.Entry> events = new ArrayList<>();
        for (JsonNode e : required(f, "events")) {
          events.add(new LogFileListing.Entry(text(e, "eventID"), text(e, "hash")));
        }
        files.add(new LogFileListing(text(f, "s3Object"), text(f, "hashValue"),
            text(f, "oldestEventTime"), text(f, "newestEventTime"),
            required(f, "firstSequenceNumber").asLong(), text(f, "previousEventHash"), events));
      }
      return new DigestDocument(required(n, "digestNumber").asLong(), text(n, "awsAccountId"),
          text(n, "digestStartTime"), text(n, "digestEndTime"), text(n, "digestS3Object"),
          text(n, "digestPublicKeyFingerprint"), text(n, "oldestEventTime"),
          text(n, "newestEventTime"), text(n, "previousDigestS3Object"),
          text(n, "previousDigestHashValue"), text(n, "previousDigestSignature"),
          required(n, "firstSequenceNumber").asLong(), required(n, "lastSequenceNumber").asLong(),
          text(n, "previousEventHash"), text(n, "lastEventHash"), files);
    } catch (IOException | RuntimeException e) {
      throw new IllegalArgumentException("not a digest: " + e.getMessage(), e);
    }
  }

  private static JsonNode required(JsonNode n, String field) {
    JsonNode v = n.get(field);
    if (v == null || v.isNull()) {
      throw new IllegalArgumentException("no " + field);
    }
    return v;
  }

  private static String text(JsonNode n, String field) {
    JsonNode v = n.get(field);
    return v == null || v.isNull() ? null : v.asText();
  }
}
