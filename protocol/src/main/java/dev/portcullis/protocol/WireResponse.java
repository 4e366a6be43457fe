package dev.portcullis.protocol;

/** A response body as a protocol codec encoded it, with its HTTP status and content type. */
public record WireResponse(int status, String contentType, byte[] body) {}
