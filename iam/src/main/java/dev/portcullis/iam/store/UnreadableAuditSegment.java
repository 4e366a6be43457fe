package dev.portcullis.iam.store;

/**
 * Stored audit events from {@code firstSeq} to {@code lastSeq} that no longer decode (the
 * database was altered or damaged): reading them fails with this, so nothing is exported or
 * signed over them, and {@code audit verify --store} reports them and reads on after them.
 */
public final class UnreadableAuditSegment extends RuntimeException {
  private static final long serialVersionUID = 1L;
  private final long firstSeq;
  private final long lastSeq;

  public UnreadableAuditSegment(long firstSeq, long lastSeq, String why) {
    super("the stored audit events of seq " + firstSeq + " to " + lastSeq
        + " do not decode: " + why);
    this.firstSeq = firstSeq;
    this.lastSeq = lastSeq;
  }

  public long firstSeq() {
    return firstSeq;
  }

  public long lastSeq() {
    return lastSeq;
  }
}
