package dev.portcullis.server.http;

import java.util.List;
import java.util.Map;

/** An HTTP request as received, before any AWS processing. Header names are lower-case. */
public record RawRequest(String method, String rawPath, String rawQuery,
    Map<String, List<String>> headers, byte[] body, String remoteAddress, boolean secure) {}
