package dev.portcullis.server.http;

/** An HTTP response to send. */
public record RawResponse(int status, String contentType, byte[] body, String requestId) {}
