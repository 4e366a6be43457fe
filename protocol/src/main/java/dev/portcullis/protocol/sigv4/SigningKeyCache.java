package dev.portcullis.protocol.sigv4;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.Arrays;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Caches derived SigV4 signing keys per access key, day, region and service, so that a request
 * costs one HMAC instead of five. An entry is kept only for the secret it was derived from.
 */
final class SigningKeyCache {
  private static final int MAX_ENTRIES = 10_000;
  private final ConcurrentHashMap<String, Entry> entries = new ConcurrentHashMap<>();

  private record Entry(byte[] secretDigest, byte[] key) {}

  byte[] signingKey(String accessKeyId, String secret, String date, String region,
      String service) {
    String id = accessKeyId + '/' + date + '/' + region + '/' + service;
    byte[] digest = digest(secret);
    Entry e = entries.get(id);
    if (e != null && MessageDigest.isEqual(e.secretDigest(), digest)) {
      return e.key();
    }
    byte[] key = derive(secret, date, region, service);
    if (entries.size() >= MAX_ENTRIES) {
      entries.clear();
    }
    entries.put(id, new Entry(digest, key));
    return key;
  }

  static byte[] derive(String secret, String date, String region, String service) {
    byte[] k = Hashing.hmacSha256(("AWS4" + secret).getBytes(StandardCharsets.UTF_8), date);
    k = Hashing.hmacSha256(k, region);
    k = Hashing.hmacSha256(k, service);
    return Hashing.hmacSha256(k, "aws4_request");
  }

  private static byte[] digest(String secret) {
    try {
      return Arrays.copyOf(MessageDigest.getInstance("SHA-256")
          .digest(secret.getBytes(StandardCharsets.UTF_8)), 32);
    } catch (java.security.NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }
}
