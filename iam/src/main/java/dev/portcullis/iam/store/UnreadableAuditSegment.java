package dev.portcullis.iam.store;

/**
 * Stored audit events from {@code firstSeq} to {@code lastSeq} that no longer decode, or whose
 * segment's stored bounds are not those of its events (the database was altered or damaged):
 * reading them fails with this, so nothing is exported or signed over them, and {@code audit
 * verify --store} reports them with {@link #reason} and reads on after them.
 */
public final class UnreadableAuditSegment extends RuntimeException {
  /** The reason of a blob that does not decode. */
  public static final String ENCODING = "their stored encoding no longer decodes";
  /** The reason of a segment whose last seq or min/max eventTime differ from its events. */
  public static final String BOUNDS = "their segment's stored last seq or time bounds differ "
      + "from its events (time-bounded lookups would skip them)";
  private static final long serialVersionUID = 1L;
  private final long firstSeq;
  private final long lastSeq;
  private final String reason;

  /** {@code reason} is {@link #ENCODING} or {@link #BOUNDS}; {@code detail} says more. */
  public UnreadableAuditSegment(long firstSeq, long lastSeq, String reason, String detail) {
    super("the stored audit events of seq " + firstSeq + " to " + lastSeq + ": " + reason
        + (detail == null ? "" : ": " + detail));
    this.firstSeq = firstSeq;
    this.lastSeq = lastSeq;
    this.reason = reason;
  }

  public long firstSeq() {
    return firstSeq;
  }

  public long lastSeq() {
    return lastSeq;
  }

  /** Why they cannot be read, as verify reports it. */
  public String reason() {
    return reason;
  }
}
