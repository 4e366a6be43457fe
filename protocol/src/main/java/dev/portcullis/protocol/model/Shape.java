package dev.portcullis.protocol.model;

import java.util.List;
import java.util.Map;
import java.util.Set;

/** A shape of an AWS service model: the type of an input or output value. */
public sealed interface Shape
    permits Shape.Structure, Shape.ListOf, Shape.MapOf, Shape.Text, Shape.Number,
        Shape.Bool, Shape.Timestamp, Shape.Blob, Shape.Decimal {

  String name();

  /** A member of a structure, naming the shape of its value. */
  record Member(String name, String target) {}

  /** A structure; {@code error} is present on exception shapes. */
  record Structure(String name, Map<String, Member> members, Set<String> required, ErrorInfo error)
      implements Shape {}

  /** A list; serialized as {@code Name.member.N} on the Query protocol. */
  record ListOf(String name, String member, Long min, Long max) implements Shape {}

  /** A map; serialized as {@code Name.entry.N.key} / {@code .value}. */
  record MapOf(String name, String key, String value) implements Shape {}

  /** A string with optional length bounds, pattern and enumeration. */
  record Text(String name, Long min, Long max, ModelPattern pattern, List<String> enumValues,
      boolean sensitive) implements Shape {}

  /** An integer or long with optional bounds. */
  record Number(String name, boolean isLong, Long min, Long max) implements Shape {}

  /** A double or float (the JSON protocols' fractional numbers). */
  record Decimal(String name) implements Shape {}

  /** A boolean. */
  record Bool(String name) implements Shape {}

  /** A point in time: ISO-8601 on the Query protocol, epoch seconds on the JSON protocol. */
  record Timestamp(String name) implements Shape {}

  /** Binary data, written as base64. */
  record Blob(String name, Long min, Long max, boolean sensitive) implements Shape {}

  /** The wire identity of an exception shape. */
  record ErrorInfo(String code, int httpStatus, boolean senderFault) {}
}
