package dev.portcullis.server.console;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.portcullis.iam.Caller;
import dev.portcullis.protocol.Struct;
import dev.portcullis.server.http.FormParameters;
import dev.portcullis.server.http.RawRequest;
import dev.portcullis.server.http.RawResponse;
import java.io.IOException;
import java.util.List;
import java.util.Map;

/**
 * The audit trail's recent events (CloudTrail's LookupEvents, called as the signed-in person),
 * filtered by one lookup attribute, each with its full record. Records hold no secret: the
 * trail leaves them out when it writes them.
 */
final class EventsPage {
  /** The lookup attributes LookupEvents takes, as the filter offers them. */
  static final List<String> ATTRIBUTES = List.of("EventName", "Username", "ResourceName",
      "ResourceType", "EventSource", "AccessKeyId", "ReadOnly", "EventId");
  private static final ObjectMapper JSON = new ObjectMapper();
  private final ConsoleCalls calls;

  EventsPage(ConsoleCalls calls) {
    this.calls = calls;
  }

  RawResponse render(RawRequest request, Caller caller, ConsoleSessions.Found session,
      String who, String requestId) {
    Map<String, String> query = FormParameters.queryOnly(request);
    String asked = query.get("attribute");
    String attribute = asked != null && ATTRIBUTES.contains(asked) ? asked : "EventName";
    String value = query.getOrDefault("value", "").trim();
    Html h = new Html();
    h.open("form", "method", "get", "action", "/console/events", "class", "filter");
    h.open("p", "class", "field").el("label", "Attribute", "for", "attribute")
        .open("select", "id", "attribute", "name", "attribute");
    for (String a : ATTRIBUTES) {
      h.open("option", "value", a, "selected", a.equals(attribute) ? "selected" : null)
          .text(a).close("option");
    }
    h.close("select").close("p");
    h.open("p", "class", "field").el("label", "Value (empty: every event)", "for", "value")
        .empty("input", "id", "value", "name", "value", "type", "text", "autocomplete", "off",
            "value", value).close("p");
    h.el("button", "Filter", "type", "submit", "class", "primary");
    h.close("form");

    ConsoleCalls.Result r = calls.callCloudTrail(request, caller, "LookupEvents",
        body(attribute, value));
    if (r instanceof ConsoleCalls.Failed f) {
      Layout.error(h, f.explanation() != null ? "Access denied" : "Not done",
          List.of(f.message()));
      if (f.explanation() != null) {
        h.el("p", f.explanation(), "class", "explain");
      }
    } else {
      h.open("table", "class", "events").open("thead").open("tr")
          .el("th", "Time", "scope", "col").el("th", "Event", "scope", "col")
          .el("th", "User", "scope", "col").el("th", "Source address", "scope", "col")
          .el("th", "Outcome", "scope", "col").close("tr").close("thead").open("tbody");
      for (Struct e : ConsoleCalls.list(r.output(), "Events")) {
        JsonNode record = parse(e.string("CloudTrailEvent"));
        h.open("tr").el("td", String.valueOf(e.get("EventTime")))
            .el("td", e.string("EventName")).el("td", e.optString("Username").orElse(""))
            .el("td", record.path("sourceIPAddress").asText(""))
            .el("td", outcome(record)).close("tr");
        h.open("tr", "class", "record").open("td", "colspan", "5")
            .open("details").el("summary", "Full record")
            .el("pre", pretty(record)).close("details").close("td").close("tr");
      }
      h.close("tbody").close("table");
    }
    return ConsoleHttp.page(200, Layout.page("Events", who, session.csrf(), h), requestId,
        List.of());
  }

  /** LookupEvents' JSON input, written by Jackson so a value cannot break out of it. */
  private static String body(String attribute, String value) {
    ObjectNode in = JSON.createObjectNode();
    in.put("MaxResults", 50);
    if (!value.isEmpty()) {
      in.putArray("LookupAttributes").addObject().put("AttributeKey", attribute)
          .put("AttributeValue", value);
    }
    return in.toString();
  }

  /** A sign-in's result, a call's error code, or Success. */
  private static String outcome(JsonNode record) {
    JsonNode signIn = record.path("responseElements").path(record.path("eventName").asText());
    if (signIn.isTextual()) {
      return signIn.asText();
    }
    return record.hasNonNull("errorCode") ? record.get("errorCode").asText() : "Success";
  }

  private static JsonNode parse(String json) {
    try {
      return json == null ? JSON.createObjectNode() : JSON.readTree(json);
    } catch (IOException e) {
      return JSON.createObjectNode();
    }
  }

  private static String pretty(JsonNode record) {
    try {
      return JSON.writerWithDefaultPrettyPrinter().writeValueAsString(record);
    } catch (IOException e) {
      return record.toString();
    }
  }
}
