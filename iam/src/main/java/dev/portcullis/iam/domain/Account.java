package dev.portcullis.iam.domain;

import java.time.Instant;

/** An AWS account served by this Portcullis. */
public record Account(String accountId, Instant createdAt) {}
