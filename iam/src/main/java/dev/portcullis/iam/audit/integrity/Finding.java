package dev.portcullis.iam.audit.integrity;

/**
 * One thing {@code audit verify} found wrong (or, for {@link Kind#UNCOVERED}, could not prove).
 *
 * @param subject the event (eventID and position), log file or digest it is about
 */
public record Finding(Kind kind, String subject, String detail) {

  /** What was found. */
  public enum Kind {
    EVENT_CHANGED("changed"),
    EVENT_REMOVED("removed"),
    EVENT_INSERTED("inserted"),
    EVENT_MOVED("reordered"),
    LOG_FILE_MISSING("missing"),
    LOG_FILE_ALTERED("altered"),
    LOG_FILE_UNEXPECTED("not listed in any digest"),
    DIGEST_MISSING("missing"),
    DIGEST_INVALID("invalid"),
    /** Events after the newest digest: chained, but not yet signed. Not tampering. */
    UNCOVERED("not yet covered by a digest"),
    /** Events of changes committed but not yet chained (the writer chains them). Not tampering. */
    STAGED("not yet chained"),
    /** Stored events whose encoding no longer decodes: altered or damaged. */
    EVENTS_UNREADABLE("unreadable"),
    /** A staged event (of a committed change) that no longer decodes: altered or damaged. */
    STAGED_UNREADABLE("unreadable"),
    /** A value of a segment's events with no lookup term: LookupEvents by it skips them. */
    LOOKUP_TERM_MISSING("missing"),
    /** A lookup term naming a segment none of whose events holds its value. */
    LOOKUP_TERM_EXTRA("extra"),
    /** A lookup term naming a segment that does not exist. */
    LOOKUP_TERM_ORPHANED("orphaned"),
    /** Stored events after the chain's recorded head: the head was moved back. */
    EVENTS_BEYOND_HEAD("beyond the chain's head");

    private final String word;

    Kind(String word) {
      this.word = word;
    }

    public String word() {
      return word;
    }

    /** Whether this finding shows tampering (exit status 1). */
    public boolean tampering() {
      return this != UNCOVERED && this != STAGED;
    }
  }

  /** The report line: {@code Event  ID at seq 12  INVALID: changed (detail)}. */
  public String line() {
    String what = switch (kind) {
      case EVENT_CHANGED, EVENT_REMOVED, EVENT_INSERTED, EVENT_MOVED -> "Event";
      case EVENTS_UNREADABLE, EVENTS_BEYOND_HEAD -> "Events";
      case STAGED_UNREADABLE -> "Staged event";
      case LOOKUP_TERM_MISSING, LOOKUP_TERM_EXTRA, LOOKUP_TERM_ORPHANED -> "Lookup term";
      case LOG_FILE_MISSING, LOG_FILE_ALTERED, LOG_FILE_UNEXPECTED -> "Log file";
      case DIGEST_MISSING, DIGEST_INVALID -> "Digest file";
      case UNCOVERED, STAGED -> "Events";
    };
    return what + "\t" + subject + "\t" + (kind.tampering() ? "INVALID: " : "NOTE: ")
        + kind.word() + (detail == null || detail.isEmpty() ? "" : " (" + detail + ")");
  }
}
