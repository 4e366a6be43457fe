package dev.portcullis.iam.domain;

/** A policy embedded in one user, group or role; {@code document} is the JSON text as written. */
public record InlinePolicy(String name, String document) {}
