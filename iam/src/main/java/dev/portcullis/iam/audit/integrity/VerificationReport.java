package dev.portcullis.iam.audit.integrity;

import java.io.PrintStream;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * What {@code audit verify} found, counted and listed in the manner of {@code aws cloudtrail
 * validate-logs}. An event missing from one place and found in another (renumbered rows,
 * events moved between log files) is reported once, as reordered.
 */
public final class VerificationReport {
  private final List<Finding> findings = new ArrayList<>();
  private final Map<String, Long> removed = new LinkedHashMap<>();
  private final Map<String, Long> inserted = new LinkedHashMap<>();
  private int digestsValid;
  private int digestsInvalid;
  private int logFilesValid;
  private int logFilesInvalid;
  private long eventsChecked;
  private String firstTime;
  private String lastTime;
  private boolean keysFromTrail;
  private long removedUpTo;
  private String removedSignedBy;

  void digest(boolean valid, String startTime, String endTime) {
    if (valid) {
      digestsValid++;
    } else {
      digestsInvalid++;
    }
    if (startTime != null) {
      firstTime = firstTime == null ? startTime : firstTime;
      lastTime = endTime;
    }
  }

  void logFile(boolean valid) {
    if (valid) {
      logFilesValid++;
    } else {
      logFilesInvalid++;
    }
  }

  /** A log file whose content hashes to the signed value: all its events are as signed. */
  public void logFileValid(long events) {
    logFilesValid++;
    eventsChecked += events;
  }

  /**
   * Says the digests were checked with the public keys the trail itself carries (no key was
   * pinned): that proves the trail consistent, not that its owner's key signed it.
   */
  public void keysFromTrail() {
    keysFromTrail = true;
  }

  /**
   * Says retention removed the events up to {@code anchorSeq}, the newest of them covered by a
   * digest ending {@code signedBy} (null when no digest covers it): printed, since an attacker
   * who deletes events and moves the anchor looks like retention except by how young the
   * removed events were.
   */
  public void removedByRetention(long anchorSeq, String signedBy) {
    this.removedUpTo = anchorSeq;
    this.removedSignedBy = signedBy;
  }

  public void logFileInvalid() {
    logFilesInvalid++;
  }

  void eventsChecked(long n) {
    eventsChecked += n;
  }

  public void add(Finding f) {
    findings.add(f);
  }

  void eventRemoved(String eventId, long seq) {
    removed.put(eventId, seq);
  }

  void eventInserted(String eventId, long seq) {
    inserted.put(eventId, seq);
  }

  /** Every finding, an event removed in one place and inserted in another paired as moved. */
  public List<Finding> findings() {
    List<Finding> all = new ArrayList<>(findings);
    removed.forEach((id, seq) -> {
      Long at = inserted.get(id);
      all.add(at != null
          ? new Finding(Finding.Kind.EVENT_MOVED, id + " at seq " + at, "signed at seq " + seq)
          : new Finding(Finding.Kind.EVENT_REMOVED, id + " at seq " + seq,
              "signed, no longer present"));
    });
    inserted.forEach((id, seq) -> {
      if (!removed.containsKey(id)) {
        all.add(new Finding(Finding.Kind.EVENT_INSERTED, id + " at seq " + seq,
            "not in any signed digest"));
      }
    });
    return all;
  }

  public boolean tampered() {
    return digestsInvalid > 0 || logFilesInvalid > 0
        || findings().stream().anyMatch(f -> f.kind().tampering());
  }

  /** 0 when everything verified, 1 when tampering was found. */
  public int exitCode() {
    return tampered() ? 1 : 0;
  }

  /**
   * {@code text} with every control or format character (bidi overrides) but the tab written as a \\uXXXX escape: names
   * and times come from the trail being verified, which may be hostile, and a file named with
   * a newline or a terminal escape (ESC [8m hides all that follows) must not forge or hide a
   * line of the report.
   */
  static String printable(String text) {
    if (text == null) {
      return null;
    }
    StringBuilder out = new StringBuilder(text.length());
    text.codePoints().forEach(c -> {
      if (c != '\t' && (Character.getType(c) == Character.CONTROL
          || Character.getType(c) == Character.FORMAT)) {
        out.append(String.format("\\u%04x", c));
      } else {
        out.appendCodePoint(c);
      }
    });
    return out.toString();
  }

  /** The summary and one line per finding. */
  public void print(PrintStream out, String source) {
    out.printf("Validating the audit trail in %s%n", source);
    if (firstTime != null) {
      out.printf("Results requested for %s to %s%n", printable(firstTime),
          printable(lastTime));
    }
    out.println();
    out.printf("%d/%d digest files valid%s%n", digestsValid, digestsValid + digestsInvalid,
        digestsInvalid == 0 ? "" : ", " + digestsInvalid + " digest files INVALID");
    out.printf("%d/%d log files valid%s%n", logFilesValid, logFilesValid + logFilesInvalid,
        logFilesInvalid == 0 ? "" : ", " + logFilesInvalid + " log files INVALID");
    out.printf("%d events checked%n", eventsChecked);
    if (removedUpTo > 0) {
      out.printf("NOTE: events up to seq %d were removed by retention%s; compare with the "
          + "retention period (serve --audit-retention-days).%n", removedUpTo,
          removedSignedBy == null ? "" : ", the newest of them signed in the digest ending "
          + printable(removedSignedBy));
    }
    if (keysFromTrail) {
      out.println("NOTE: the digests were checked with the public keys stored with the trail "
          + "itself; whoever can rewrite the trail can re-sign it with a key of their own. Pin "
          + "the key you saved from 'portcullis audit public-key' with --public-key FILE.");
    }
    List<Finding> all = findings();
    if (!all.isEmpty()) {
      out.println();
      all.forEach(f -> out.println(printable(f.line())));
    }
    out.println();
    out.println(tampered() ? "INVALID: the audit trail was tampered with (see above)"
        : "The audit trail is intact.");
  }
}
