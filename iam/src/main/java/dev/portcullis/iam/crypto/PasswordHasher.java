package dev.portcullis.iam.crypto;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.concurrent.Semaphore;
import org.bouncycastle.crypto.generators.Argon2BytesGenerator;
import org.bouncycastle.crypto.params.Argon2Parameters;

/**
 * Hashes passwords with Argon2id and checks them in constant time. The stored form follows the
 * PHC string format: {@code $argon2id$v=19$m=M,t=T,p=P$salt$hash}.
 */
public final class PasswordHasher {
  private static final int SALT_BYTES = 16;
  private static final int HASH_BYTES = 32;
  private final int memoryKiB;
  private final int iterations;
  private final int parallelism;
  private final SecureRandom random = new SecureRandom();
  // Derivations at once: each takes a core and 19 MiB for tens of milliseconds, so a flood of
  // password requests queues here instead of taking every core and a heap's worth of memory.
  private final Semaphore derivations = new Semaphore(
      Math.max(1, Runtime.getRuntime().availableProcessors() - 1), true);

  /** OWASP's recommended Argon2id setting: 19 MiB, 2 iterations, 1 lane. */
  public PasswordHasher() {
    this(19 * 1024, 2, 1);
  }

  public PasswordHasher(int memoryKiB, int iterations, int parallelism) {
    this.memoryKiB = memoryKiB;
    this.iterations = iterations;
    this.parallelism = parallelism;
  }

  public String hash(String password) {
    byte[] salt = new byte[SALT_BYTES];
    random.nextBytes(salt);
    byte[] hash = derive(password, salt, memoryKiB, iterations, parallelism);
    Base64.Encoder b64 = Base64.getEncoder().withoutPadding();
    return "$argon2id$v=19$m=" + memoryKiB + ",t=" + iterations + ",p=" + parallelism + "$"
        + b64.encodeToString(salt) + "$" + b64.encodeToString(hash);
  }

  public boolean matches(String password, String stored) {
    String[] f = stored.split("\\$");
    if (f.length != 6 || !f[1].equals("argon2id")) {
      return false;
    }
    int m = 0;
    int t = 0;
    int p = 0;
    for (String kv : f[3].split(",")) {
      int v = Integer.parseInt(kv.substring(2));
      switch (kv.charAt(0)) {
        case 'm' -> m = v;
        case 't' -> t = v;
        case 'p' -> p = v;
        default -> {
          return false;
        }
      }
    }
    byte[] salt = Base64.getDecoder().decode(f[4]);
    byte[] expected = Base64.getDecoder().decode(f[5]);
    return MessageDigest.isEqual(expected, derive(password, salt, m, t, p));
  }

  private byte[] derive(String password, byte[] salt, int m, int t, int p) {
    derivations.acquireUninterruptibly();
    try {
      return deriveNow(password, salt, m, t, p);
    } finally {
      derivations.release();
    }
  }

  private static byte[] deriveNow(String password, byte[] salt, int m, int t, int p) {
    Argon2Parameters params = new Argon2Parameters.Builder(Argon2Parameters.ARGON2_id)
        .withVersion(Argon2Parameters.ARGON2_VERSION_13).withSalt(salt).withMemoryAsKB(m)
        .withIterations(t).withParallelism(p).build();
    Argon2BytesGenerator gen = new Argon2BytesGenerator();
    gen.init(params);
    byte[] out = new byte[HASH_BYTES];
    gen.generateBytes(password.getBytes(StandardCharsets.UTF_8), out);
    return out;
  }
}
