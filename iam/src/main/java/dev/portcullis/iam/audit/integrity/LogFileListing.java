package dev.portcullis.iam.audit.integrity;

import java.util.List;

/**
 * One log file as a signed digest names it: its object, the hex SHA-256 of its uncompressed
 * content, and its events in order (id and chain hash), so that a verifier names single events.
 *
 * @param firstSeq the chain position of its first event
 * @param previousEventHash the chain hash before its first event
 */
public record LogFileListing(String objectName, String hashValue, String oldestEventTime,
    String newestEventTime, long firstSeq, String previousEventHash, List<Entry> events) {

  public LogFileListing {
    events = List.copyOf(events);
  }

  /** An event of the file: its eventID and its hash in the chain. */
  public record Entry(String eventId, String hash) {}

  /** The chain position of the file's last event. */
  public long lastSeq() {
    return firstSeq + events.size() - 1;
  }
}
