package dev.portcullis.iam.simulation;

import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Condition keys and their values, where a later key replaces an earlier one spelled in any
 * case (condition key names are case-insensitive). Each put costs the same however many keys
 * there are, so a request of thousands of ContextEntries is merged in linear time.
 */
public final class ContextKeyValues {
  private final Map<String, List<String>> values = new LinkedHashMap<>();
  private final Map<String, String> spellings = new HashMap<>();

  /** Starts from {@code initial} (for example the principal's tags as aws:PrincipalTag keys). */
  public ContextKeyValues(Map<String, List<String>> initial) {
    initial.forEach(this::put);
  }

  /** Sets {@code key}, replacing any key that differs from it only in case. */
  public void put(String key, List<String> keyValues) {
    String previous = spellings.put(key.toLowerCase(Locale.ROOT), key);
    if (previous != null) {
      values.remove(previous);
    }
    values.put(key, keyValues);
  }

  /** The keys in the order they were last set, each as last spelled. */
  public Map<String, List<String>> asMap() {
    return values;
  }
}
