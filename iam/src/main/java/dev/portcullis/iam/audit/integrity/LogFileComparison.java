package dev.portcullis.iam.audit.integrity;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import dev.portcullis.iam.audit.AuditChain;
import java.io.IOException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Compares the events of one log file as found (in an export's file, or in the store's rows)
 * with the events its signed digest lists, and names each event changed, removed, inserted or
 * out of order. Memory is bounded by the file's size ({@link TrailLayout#EVENTS_PER_LOG_FILE}).
 */
public final class LogFileComparison {
  private LogFileComparison() {}

  /** An event as found: its position (chain sequence number) and its record. */
  public record Found(long seq, String record) {}

  /**
   * Reports the differences between {@code found} and {@code listed}, ignoring listed events
   * at or below {@code anchorSeq} (removed by retention); returns whether there were none.
   */
  public static boolean compare(LogFileListing listed, List<Found> found, long anchorSeq,
      VerificationReport report) {
    List<LogFileListing.Entry> entries = listed.events();
    Map<String, Integer> index = new HashMap<>();
    for (int i = 0; i < entries.size(); i++) {
      index.putIfAbsent(entries.get(i).eventId(), i);
    }
    boolean[] seen = new boolean[entries.size()];
    List<int[]> matched = new ArrayList<>(); // {found index, listed index}
    boolean valid = true;
    for (int j = 0; j < found.size(); j++) {
      Found f = found.get(j);
      String id = eventId(f.record());
      Integer i = id == null ? null : index.get(id);
      if (i == null || seen[i]) {
        report.eventInserted(id == null ? "(unreadable record)" : id, f.seq());
        valid = false;
        continue;
      }
      seen[i] = true;
      matched.add(new int[] {j, i});
      String previous = i == 0 ? listed.previousEventHash() : entries.get(i - 1).hash();
      if (!AuditChain.hash(previous, f.record()).equals(entries.get(i).hash())) {
        report.add(new Finding(Finding.Kind.EVENT_CHANGED, id + " at seq " + f.seq(),
            "its record differs from the one signed"));
        valid = false;
      }
    }
    for (int i = 0; i < entries.size(); i++) {
      long seq = listed.firstSeq() + i;
      if (!seen[i] && seq > anchorSeq) {
        report.eventRemoved(entries.get(i).eventId(), seq);
        valid = false;
      }
    }
    // Found in listed order, the listed indexes rise; an event whose rank among the matched
    // differs between the two orders is out of place (both events of a swap are named).
    int[] listedOrder = matched.stream().mapToInt(m -> m[1]).sorted().toArray();
    for (int k = 0; k < matched.size(); k++) {
      int i = matched.get(k)[1];
      if (listedOrder[k] != i) {
        Found f = found.get(matched.get(k)[0]);
        report.add(new Finding(Finding.Kind.EVENT_MOVED,
            entries.get(i).eventId() + " at seq " + f.seq(),
            "signed at seq " + (listed.firstSeq() + i)));
        valid = false;
      }
    }
    report.eventsChecked(found.size());
    return valid;
  }

  /** The record's top-level eventID, or null when it has none or is not JSON. */
  static String eventId(String record) {
    try (JsonParser p = new JsonFactory().createParser(record)) {
      if (p.nextToken() != JsonToken.START_OBJECT) {
        return null;
      }
      while (p.nextToken() == JsonToken.FIELD_NAME) {
        String name = p.currentName();
        JsonToken value = p.nextToken();
        if (name.equals("eventID") && value == JsonToken.VALUE_STRING) {
          return p.getText();
        }
        p.skipChildren();
      }
      return null;
    } catch (IOException e) {
      return null;
    }
  }
}
