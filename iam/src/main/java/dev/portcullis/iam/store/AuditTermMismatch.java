package dev.portcullis.iam.store;

/**
 * A row of the audit trail's lookup index that disagrees with the stored events it indexes: the
 * chain covers the events, not the index, so an edited index would hide events from
 * LookupEvents (or point it elsewhere) while the chain still verifies.
 *
 * @param attribute the LookupAttributeKey ({@code EventName}, {@code Username}, ...), or the
 *     stored code when it names none
 * @param firstSeq the first seq of the segment the term names (for an orphan, the seq it names)
 * @param lastSeq the last seq of that segment (for an orphan, equal to {@code firstSeq})
 */
public record AuditTermMismatch(Problem problem, String attribute, String value,
    long firstSeq, long lastSeq) {

  /** How the stored term differs from what the segment's events give. */
  public enum Problem {
    /** The segment's events hold the value but the index has no row for it. */
    MISSING,
    /** The index names the segment for a value none of its events holds. */
    EXTRA,
    /** The index names a segment that does not exist. */
    ORPHANED
  }
}
