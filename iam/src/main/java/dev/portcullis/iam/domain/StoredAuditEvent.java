package dev.portcullis.iam.domain;

/**
 * An audit event in the chain: its position and the hashes that link it to its predecessor.
 *
 * @param seq the position in the chain, from 1, without gaps
 * @param previousHash the {@code hash} of event {@code seq - 1}, or of the anchor
 * @param hash hex SHA-256 over the previous hash and the record, see {@code AuditChain}
 */
public record StoredAuditEvent(long seq, AuditEvent event, String previousHash, String hash) {

  /** Where the stored chain starts: the last event removed by retention, or nothing. */
  public record Anchor(long seq, String hash) {}
}
