package dev.portcullis.store;

import dev.portcullis.iam.store.AuditDigestStore;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.Base64;
import java.util.List;
import java.util.Optional;

/** The audit trail's signed digests and signing keys on JDBC (migration V093). */
final class JdbcAuditDigests implements AuditDigestStore {
  private final Sql sql;

  JdbcAuditDigests(Sql sql) {
    this.sql = sql;
  }

  @Override
  public Optional<SigningKey> currentKey(String accountId) {
    return sql.one("SELECT * FROM audit_signing_key WHERE account_id = ? "
        + "ORDER BY key_number DESC LIMIT 1", JdbcAuditDigests::key, accountId);
  }

  @Override
  public List<SigningKey> keys(String accountId) {
    return sql.list("SELECT * FROM audit_signing_key WHERE account_id = ? ORDER BY key_number",
        JdbcAuditDigests::key, accountId);
  }

  @Override
  public boolean insertKey(SigningKey key) {
    // ON CONFLICT DO NOTHING (SQLite and PostgreSQL): a node that loses the race to make the
    // account's key learns it from the count, without an error that would end its transaction.
    return sql.update("INSERT INTO audit_signing_key (account_id, key_number, fingerprint, "
        + "public_key, private_key_sealed, valid_from) VALUES (?, ?, ?, ?, ?, ?) "
        + "ON CONFLICT DO NOTHING", key.accountId(), key.keyNumber(), key.fingerprint(),
        Base64.getEncoder().encodeToString(key.publicKey()), key.privateKeySealed(),
        key.validFrom()) == 1;
  }

  @Override
  public Optional<Digest> latest() {
    return sql.one("SELECT * FROM audit_digest ORDER BY digest_number DESC LIMIT 1",
        JdbcAuditDigests::digest);
  }

  @Override
  public boolean insert(Digest d) {
    return sql.update("INSERT INTO audit_digest (digest_number, account_id, start_time, "
        + "end_time, first_seq, last_seq, last_event_hash, object_name, document, signature) "
        + "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?) ON CONFLICT DO NOTHING", d.number(),
        d.accountId(), d.startTime(), d.endTime(), d.firstSeq(), d.lastSeq(), d.lastEventHash(),
        d.objectName(), d.document(), d.signature()) == 1;
  }

  @Override
  public List<Digest> list(long afterNumber, int limit) {
    return sql.list("SELECT * FROM audit_digest WHERE digest_number > ? "
        + "ORDER BY digest_number LIMIT ?", JdbcAuditDigests::digest, afterNumber, limit);
  }

  private static SigningKey key(ResultSet rs) throws SQLException {
    return new SigningKey(rs.getString("account_id"), rs.getInt("key_number"),
        rs.getString("fingerprint"), Base64.getDecoder().decode(rs.getString("public_key")),
        rs.getString("private_key_sealed"), Sql.instant(rs, "valid_from"));
  }

  private static Digest digest(ResultSet rs) throws SQLException {
    return new Digest(rs.getLong("digest_number"), rs.getString("account_id"),
        Sql.instant(rs, "start_time"), Sql.instant(rs, "end_time"), rs.getLong("first_seq"),
        rs.getLong("last_seq"), rs.getString("last_event_hash"), rs.getString("object_name"),
        rs.getString("document"), rs.getString("signature"));
  }
}
