package dev.portcullis.iam.domain;

/** A key-value tag on an IAM resource. */
public record Tag(String key, String value) {}
