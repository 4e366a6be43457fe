package dev.portcullis.protocol.sigv4;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Caches derived SigV4 signing keys per access key, day, region and service, so that a request
 * costs one HMAC instead of five. An entry is used only for the secret it was derived from
 * (compared in constant time); the secrets are already held in memory by the caller's cache.
 */
final class SigningKeyCache {
  private static final int MAX_ENTRIES = 10_000;
  private final ConcurrentHashMap<String, Entry> entries = new ConcurrentHashMap<>();

  private record Entry(byte[] secret, byte[] key) {}

  byte[] signingKey(String accessKeyId, String secret, String date, String region,
      String service) {
    String id = accessKeyId + '/' + date + '/' + region + '/' + service;
    byte[] secretBytes = secret.getBytes(StandardCharsets.UTF_8);
    Entry e = entries.get(id);
    if (e != null && MessageDigest.isEqual(e.secret(), secretBytes)) {
      return e.key();
    }
    byte[] key = derive(secret, date, region, service);
    if (entries.size() >= MAX_ENTRIES) {
      entries.clear();
    }
    entries.put(id, new Entry(secretBytes, key));
    return key;
  }

  static byte[] derive(String secret, String date, String region, String service) {
    byte[] k = Hashing.hmacSha256(("AWS4" + secret).getBytes(StandardCharsets.UTF_8), date);
    k = Hashing.hmacSha256(k, region);
    k = Hashing.hmacSha256(k, service);
    return Hashing.hmacSha256(k, "aws4_request");
  }
}
