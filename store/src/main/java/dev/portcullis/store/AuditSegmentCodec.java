package dev.portcullis.store;

import dev.portcullis.iam.audit.AuditChain;
import dev.portcullis.iam.domain.AuditEvent;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * The binary form of audit events: a segment ({@code audit_segments.events}, the events of one
 * appended batch in chain order, each followed by its 32-byte hash) and a pending event ({@code
 * audit_pending.event}, one event without hash). Both start with a version byte; strings are
 * UTF-8 behind a length (unsigned varint of length + 1, 0 for null). Decoding checks every
 * length against the bytes left, so a truncated or altered blob fails with a {@link
 * StoreException}, never an allocation larger than the blob.
 */
public final class AuditSegmentCodec {
  static final byte VERSION = 1;
  static final int HASH_BYTES = 32;

  private AuditSegmentCodec() {}

  /** An event as a segment holds it, with its hash (raw SHA-256, see {@code AuditChain}). */
  public record Entry(AuditEvent event, byte[] hash) {
    public String hexHash() {
      return AuditChain.hex(hash);
    }
  }

  /** Builds one blob in a buffer kept between blobs (one per writer thread); not shared. */
  public static final class Writer {
    private byte[] buf = new byte[64 * 1024];
    private int len;

    /** Starts a new blob. */
    public Writer start() {
      len = 0;
      buf[len++] = VERSION;
      return this;
    }

    /**
     * Adds {@code e} chained to {@code previousHash} (hex); returns its hash, computed over the
     * record's bytes as written.
     */
    public byte[] addChained(AuditEvent e, String previousHash) {
      int recordAt = addEvent(e);
      byte[] hash = AuditChain.hash(previousHash, buf, recordAt, len - recordAt);
      addHash(hash);
      return hash;
    }

    /** Adds {@code e} with a hash of the caller's choosing (moving existing entries). */
    public void addEntry(Entry entry) {
      addEvent(entry.event());
      addHash(entry.hash());
    }

    private void addHash(byte[] hash) {
      if (hash.length != HASH_BYTES) {
        throw new IllegalArgumentException("a hash has " + HASH_BYTES + " bytes");
      }
      put(hash, 0, HASH_BYTES);
    }

    /** Writes the event's fields; returns where its record's bytes start. */
    int addEvent(AuditEvent e) {
      string(e.eventId());
      ensure(8);
      long t = e.eventTime().toEpochMilli();
      for (int shift = 56; shift >= 0; shift -= 8) {
        buf[len++] = (byte) (t >>> shift);
      }
      string(e.accountId());
      string(e.eventSource());
      string(e.eventName());
      string(e.username());
      string(e.principalArn());
      string(e.accessKeyId());
      ensure(1);
      buf[len++] = (byte) (e.readOnly() ? 1 : 0);
      string(e.errorCode());
      string(e.sourceIp());
      varint(e.resources().size());
      for (AuditEvent.Resource r : e.resources()) {
        string(r.type());
        string(r.name());
      }
      byte[] record = e.record().getBytes(StandardCharsets.UTF_8);
      varint(record.length + 1);
      int at = len;
      put(record, 0, record.length);
      return at;
    }

    /** How many bytes the blob built since {@link #start} has. */
    public int size() {
      return len;
    }

    /** The blob built since {@link #start}. */
    public byte[] toBytes() {
      return Arrays.copyOf(buf, len);
    }

    private void string(String s) {
      if (s == null) {
        varint(0);
        return;
      }
      byte[] b = s.getBytes(StandardCharsets.UTF_8);
      varint(b.length + 1);
      put(b, 0, b.length);
    }

    private void varint(int v) {
      ensure(5);
      while ((v & ~0x7f) != 0) {
        buf[len++] = (byte) ((v & 0x7f) | 0x80);
        v >>>= 7;
      }
      buf[len++] = (byte) v;
    }

    private void put(byte[] b, int off, int n) {
      ensure(n);
      System.arraycopy(b, off, buf, len, n);
      len += n;
    }

    private void ensure(int n) {
      if (len + n > buf.length) {
        buf = Arrays.copyOf(buf, Math.max(buf.length * 2, len + n));
      }
    }
  }

  /** The blob of one pending event. */
  public static byte[] pending(AuditEvent e) {
    Writer w = new Writer().start();
    w.addEvent(e);
    return w.toBytes();
  }

  /** The event of a pending row's blob. */
  public static AuditEvent decodePending(byte[] blob) {
    Reader r = new Reader(blob);
    AuditEvent e = r.event();
    r.end();
    return e;
  }

  /** The entries of a segment's blob, in chain order. */
  public static List<Entry> decodeSegment(byte[] blob) {
    Reader r = new Reader(blob);
    if (!r.more()) {
      throw Reader.corrupt("a segment without events");
    }
    List<Entry> entries = new ArrayList<>();
    while (r.more()) {
      AuditEvent e = r.event();
      entries.add(new Entry(e, r.bytes(HASH_BYTES)));
    }
    return entries;
  }

  /** Reads a blob, checking every length against what is left. */
  private static final class Reader {
    private final byte[] buf;
    private int pos;

    Reader(byte[] blob) {
      if (blob == null || blob.length == 0) {
        throw corrupt("empty");
      }
      if (blob[0] != VERSION) {
        throw corrupt("unknown version " + blob[0]);
      }
      this.buf = blob;
      this.pos = 1;
    }

    boolean more() {
      return pos < buf.length;
    }

    void end() {
      if (more()) {
        throw corrupt((buf.length - pos) + " bytes after the event");
      }
    }

    AuditEvent event() {
      String id = string();
      long t = 0;
      need(8);
      for (int i = 0; i < 8; i++) {
        t = (t << 8) | (buf[pos++] & 0xff);
      }
      String account = string();
      String source = string();
      String name = string();
      String username = string();
      String arn = string();
      String key = string();
      need(1);
      boolean readOnly = buf[pos++] != 0;
      String error = string();
      String ip = string();
      int n = varint();
      if (n > (buf.length - pos) / 2) {
        throw corrupt("a resource count of " + n + " exceeds the blob");
      }
      List<AuditEvent.Resource> resources = new ArrayList<>(n);
      for (int i = 0; i < n; i++) {
        resources.add(new AuditEvent.Resource(string(), string()));
      }
      String record = string();
      if (id == null || source == null || name == null || record == null) {
        throw corrupt("a required field is null");
      }
      return new AuditEvent(id, Instant.ofEpochMilli(t), account, source, name, username, arn,
          key, readOnly, error, ip, resources, record);
    }

    byte[] bytes(int n) {
      need(n);
      byte[] b = Arrays.copyOfRange(buf, pos, pos + n);
      pos += n;
      return b;
    }

    private String string() {
      int n = varint();
      if (n == 0) {
        return null;
      }
      need(n - 1);
      String s = new String(buf, pos, n - 1, StandardCharsets.UTF_8);
      pos += n - 1;
      return s;
    }

    private int varint() {
      int v = 0;
      for (int shift = 0; shift < 35; shift += 7) {
        need(1);
        byte b = buf[pos++];
        v |= (b & 0x7f) << shift;
        if (b >= 0) {
          if (v < 0) {
            throw corrupt("a negative length");
          }
          return v;
        }
      }
      throw corrupt("a length longer than five bytes");
    }

    private void need(int n) {
      if (n < 0 || n > buf.length - pos) {
        throw corrupt("truncated at byte " + pos);
      }
    }

    private static StoreException corrupt(String why) {
      return new StoreException("an audit blob does not decode: " + why, null);
    }
  }
}
