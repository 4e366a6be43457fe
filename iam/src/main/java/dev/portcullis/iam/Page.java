package dev.portcullis.iam;

import dev.portcullis.protocol.AwsException;
import dev.portcullis.protocol.ErrorCode;
import dev.portcullis.protocol.Struct;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.function.Function;

/**
 * One page of a listing, following IAM's {@code Marker} / {@code MaxItems} / {@code IsTruncated}
 * convention. The marker is opaque to clients: it encodes the position after this page.
 */
public record Page<T>(List<T> items, boolean truncated, String nextMarker) {
  /** IAM's default page size when MaxItems is absent. */
  public static final int DEFAULT_MAX_ITEMS = 100;

  /** Takes the page that {@code input}'s Marker and MaxItems select from the whole list. */
  public static <T> Page<T> of(List<T> all, Struct input) {
    int start = input.has("Marker") ? decodeMarker(input.string("Marker")) : 0;
    int max = input.integer("MaxItems", DEFAULT_MAX_ITEMS);
    if (start < 0 || start > all.size()) {
      throw new AwsException(ErrorCode.VALIDATION_ERROR, "Invalid Marker.");
    }
    int end = (int) Math.min((long) start + max, all.size());
    boolean truncated = end < all.size();
    return new Page<>(List.copyOf(all.subList(start, end)), truncated,
        truncated ? encodeMarker(end) : null);
  }

  /**
   * Writes the items under {@code listMember}, then IsTruncated and, when truncated, Marker.
   */
  public Struct.Builder into(Struct.Builder out, String listMember, Function<T, ?> toWire) {
    List<Object> wire = new ArrayList<>(items.size());
    for (T item : items) {
      wire.add(toWire.apply(item));
    }
    return out.put(listMember, wire).put("IsTruncated", truncated).put("Marker", nextMarker);
  }

  private static String encodeMarker(int position) {
    return Base64.getUrlEncoder().withoutPadding()
        .encodeToString(("p" + position).getBytes(StandardCharsets.UTF_8));
  }

  private static int decodeMarker(String marker) {
    try {
      String s = new String(Base64.getUrlDecoder().decode(marker), StandardCharsets.UTF_8);
      if (s.startsWith("p")) {
        int position = Integer.parseInt(s.substring(1));
        if (position >= 0) {
          return position;
        }
      }
    } catch (IllegalArgumentException e) {
      // fall through to the error below
    }
    throw new AwsException(ErrorCode.VALIDATION_ERROR, "Invalid Marker.");
  }
}
