package dev.portcullis.protocol.query;

import java.util.AbstractMap;
import java.util.AbstractSet;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;

/** Parameters that count every read of a name or entry: the decoder's unit of work. */
final class CountingParameters extends AbstractMap<String, String> {
  private final Map<String, String> delegate = new LinkedHashMap<>();
  long reads;

  @Override
  public String put(String key, String value) {
    return delegate.put(key, value);
  }

  @Override
  public String get(Object key) {
    reads++;
    return delegate.get(key);
  }

  @Override
  public boolean containsKey(Object key) {
    reads++;
    return delegate.containsKey(key);
  }

  @Override
  public int size() {
    return delegate.size();
  }

  @Override
  public Set<Entry<String, String>> entrySet() {
    return new AbstractSet<>() {
      @Override
      public Iterator<Entry<String, String>> iterator() {
        var it = delegate.entrySet().iterator();
        return new Iterator<>() {
          @Override
          public boolean hasNext() {
            return it.hasNext();
          }

          @Override
          public Entry<String, String> next() {
            reads++;
            return it.next();
          }
        };
      }

      @Override
      public int size() {
        return delegate.size();
      }
    };
  }
}
