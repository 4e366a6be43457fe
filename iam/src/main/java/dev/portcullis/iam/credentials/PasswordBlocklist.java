package dev.portcullis.iam.credentials;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;

/**
 * Common and breached passwords that no password may be (NIST SP 800-63B, 3.1.1.2: "passwords
 * obtained from previous breach corpuses ... commonly-used ... passwords"), matched ignoring
 * case. The shipped list is zxcvbn's 30,000 most common passwords ({@code
 * common-passwords.txt}, MIT licence). Loaded once; a lookup is one hash and a probe or two.
 *
 * <p>Held as 64-bit hashes in an open-addressing table of longs (512 KiB for 30,000 entries)
 * rather than a set of strings (about 3 MiB): a false match needs two passwords whose 64-bit
 * hashes collide, about one chance in 10^14 per check.
 */
public final class PasswordBlocklist {
  private static final String RESOURCE = "common-passwords.txt";
  private static final long EMPTY = 0L;
  private final long[] table;
  private final int size;

  private PasswordBlocklist(long[] table, int size) {
    this.table = table;
    this.size = size;
  }

  private static final class Bundled {
    static final PasswordBlocklist LIST = load();
  }

  /** The shipped list, loaded on first use. */
  public static PasswordBlocklist bundled() {
    return Bundled.LIST;
  }

  /** Whether {@code password} is on the list, ignoring case. */
  public boolean contains(String password) {
    long h = hash(password);
    int mask = table.length - 1;
    for (int i = (int) h & mask; ; i = (i + 1) & mask) {
      long slot = table[i];
      if (slot == EMPTY) {
        return false;
      }
      if (slot == h) {
        return true;
      }
    }
  }

  /** How many passwords the list holds. */
  public int size() {
    return size;
  }

  /** The bytes the table takes on the heap (the figure docs/security.md quotes). */
  public long tableBytes() {
    return 16L + 8L * table.length;
  }

  static PasswordBlocklist of(Iterable<String> passwords) {
    List<Long> hashes = new ArrayList<>();
    passwords.forEach(p -> hashes.add(hash(p)));
    return build(hashes.stream().mapToLong(Long::longValue).toArray());
  }

  private static PasswordBlocklist load() {
    InputStream in = PasswordBlocklist.class.getResourceAsStream(RESOURCE);
    if (in == null) {
      throw new IllegalStateException("missing resource " + RESOURCE);
    }
    long[] hashes = new long[32_768];
    int n = 0;
    try (BufferedReader r = new BufferedReader(new InputStreamReader(in,
        StandardCharsets.UTF_8))) {
      for (String line = r.readLine(); line != null; line = r.readLine()) {
        if (line.isEmpty() || line.startsWith("#")) {
          continue;
        }
        if (n == hashes.length) {
          hashes = Arrays.copyOf(hashes, n * 2);
        }
        hashes[n++] = hash(line);
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return build(Arrays.copyOf(hashes, n));
  }

  private static PasswordBlocklist build(long[] hashes) {
    // At most half full, so a probe ends on an empty slot after one or two steps on average.
    int capacity = Integer.highestOneBit(Math.max(2, hashes.length) * 2 - 1) << 1;
    long[] table = new long[capacity];
    int size = 0;
    int mask = capacity - 1;
    for (long h : hashes) {
      int i = (int) h & mask;
      while (table[i] != EMPTY && table[i] != h) {
        i = (i + 1) & mask;
      }
      if (table[i] == EMPTY) {
        table[i] = h;
        size++;
      }
    }
    return new PasswordBlocklist(table, size);
  }

  /** FNV-1a over the lower-cased UTF-16 text, then a 64-bit finalizer; never {@link #EMPTY}. */
  static long hash(String password) {
    String s = password.toLowerCase(Locale.ROOT);
    long h = 0xcbf29ce484222325L;
    for (int i = 0; i < s.length(); i++) {
      h ^= s.charAt(i);
      h *= 0x100000001b3L;
    }
    h ^= h >>> 33;
    h *= 0xff51afd7ed558ccdL;
    h ^= h >>> 33;
    h *= 0xc4ceb9fe1a85ec53L;
    h ^= h >>> 33;
    return h == EMPTY ? 1L : h;
  }
}
