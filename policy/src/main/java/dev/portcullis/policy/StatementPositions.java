package dev.portcullis.policy;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;

/**
 * Where each statement of a policy document is written, as IAM's policy simulator reports it
 * (MatchedStatements' StartPosition and EndPosition): lines count from 1, and both positions
 * are the column just after the statement's opening and closing brace, counted from 1.
 */
public final class StatementPositions {
  private static final JsonFactory JSON = new JsonFactory();

  private StatementPositions() {}

  /** A line and column of the policy text. */
  public record Position(int line, int column) {}

  /** Where one statement begins and ends. */
  public record Span(Position start, Position end) {}

  /**
   * The span of every statement of {@code json}, in document order (one for a Statement written
   * as a single object); empty when the text is not a JSON object with a Statement.
   */
  public static List<Span> of(String json) {
    try (JsonParser p = JSON.createParser(json)) {
      if (p.nextToken() != JsonToken.START_OBJECT) {
        return List.of();
      }
      while (p.nextToken() == JsonToken.FIELD_NAME) {
        String field = p.currentName();
        JsonToken value = p.nextToken();
        if (field.equals("Statement")) {
          return statements(p, value);
        }
        p.skipChildren();
      }
      return List.of();
    } catch (IOException e) {
      return List.of();
    }
  }

  private static List<Span> statements(JsonParser p, JsonToken value) throws IOException {
    if (value == JsonToken.START_OBJECT) {
      return List.of(span(p));
    }
    List<Span> spans = new ArrayList<>();
    if (value == JsonToken.START_ARRAY) {
      for (JsonToken t = p.nextToken(); t != null && t != JsonToken.END_ARRAY; t = p.nextToken()) {
        if (t == JsonToken.START_OBJECT) {
          spans.add(span(p));
        } else {
          p.skipChildren();
        }
      }
    }
    return spans;
  }

  /** The span of the object whose START_OBJECT the parser has just read. */
  private static Span span(JsonParser p) throws IOException {
    Position start = position(p.currentLocation());
    p.skipChildren();
    return new Span(start, position(p.currentLocation()));
  }

  private static Position position(JsonLocation location) {
    return new Position(location.getLineNr(), location.getColumnNr());
  }
}
