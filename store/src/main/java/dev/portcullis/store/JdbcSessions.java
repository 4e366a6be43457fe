package dev.portcullis.store;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.portcullis.iam.domain.StsSession;
import dev.portcullis.iam.domain.Tag;
import dev.portcullis.iam.store.SessionStore;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** STS sessions on JDBC: the secret sealed, the token as its SHA-256, lists as JSON arrays. */
final class JdbcSessions implements SessionStore {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final TypeReference<List<String>> STRINGS = new TypeReference<>() {};
  private static final TypeReference<List<Map<String, String>>> PAIRS = new TypeReference<>() {};
  private static final HexFormat HEX = HexFormat.of();
  private final Sql sql;

  JdbcSessions(Sql sql) {
    this.sql = sql;
  }

  @Override
  public void insert(StsSession s) {
    sql.update("INSERT INTO sts_session (access_key_id, account_id, session_type, secret_sealed, "
        + "token_sha256, entity_id, entity_arn, session_name, issued_at, expires_at, "
        + "mfa_authenticated_at, policy, policy_arns, tags, transitive_tag_keys, "
        + "source_identity, chained) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
        s.accessKeyId(), s.accountId(), s.type().name(), s.secretSealed(),
        HEX.formatHex(s.tokenHash()), s.entityId(), s.entityArn(), s.sessionName(),
        s.issuedAt(), s.expiresAt(), s.mfaAuthenticatedAt(), s.policy(), json(s.policyArns()),
        json(tagsAsPairs(s.tags())), json(s.transitiveTagKeys()), s.sourceIdentity(),
        s.chained());
  }

  @Override
  public Optional<StsSession> find(String accessKeyId) {
    return sql.one("SELECT * FROM sts_session WHERE access_key_id = ?", JdbcSessions::map,
        accessKeyId);
  }

  @Override
  public int deleteExpiredBefore(Instant cutoff) {
    return sql.update("DELETE FROM sts_session WHERE expires_at < ?", cutoff);
  }

  private static StsSession map(ResultSet rs) throws SQLException {
    return new StsSession(rs.getString("access_key_id"), rs.getString("account_id"),
        StsSession.Type.valueOf(rs.getString("session_type")), rs.getString("secret_sealed"),
        HEX.parseHex(rs.getString("token_sha256")), rs.getString("entity_id"),
        rs.getString("entity_arn"), rs.getString("session_name"),
        Sql.instant(rs, "issued_at"), Sql.instant(rs, "expires_at"),
        Sql.instant(rs, "mfa_authenticated_at"), rs.getString("policy"),
        read(rs.getString("policy_arns"), STRINGS), tagsFromPairs(read(rs.getString("tags"),
        PAIRS)), read(rs.getString("transitive_tag_keys"), STRINGS),
        rs.getString("source_identity"), rs.getBoolean("chained"));
  }

  private static List<Map<String, String>> tagsAsPairs(List<Tag> tags) {
    List<Map<String, String>> out = new ArrayList<>(tags.size());
    for (Tag t : tags) {
      Map<String, String> pair = new LinkedHashMap<>();
      pair.put("Key", t.key());
      pair.put("Value", t.value());
      out.add(pair);
    }
    return out;
  }

  private static List<Tag> tagsFromPairs(List<Map<String, String>> pairs) {
    List<Tag> out = new ArrayList<>(pairs.size());
    for (Map<String, String> p : pairs) {
      out.add(new Tag(p.get("Key"), p.get("Value")));
    }
    return out;
  }

  private static String json(Object value) {
    try {
      return JSON.writeValueAsString(value);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("cannot write a session list as JSON", e);
    }
  }

  private static <T> T read(String json, TypeReference<T> type) {
    try {
      return JSON.readValue(json, type);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("a stored session list is not valid JSON", e);
    }
  }
}
