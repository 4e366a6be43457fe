-- Wrong MFA codes counted on the device itself, so that every node on the database (and a
-- restarted one) sees the same count: failed_attempts codes checked since failures_since (epoch
-- milliseconds), reset by a right code or once the window has passed.
ALTER TABLE mfa_devices ADD COLUMN failed_attempts INTEGER NOT NULL DEFAULT 0;
ALTER TABLE mfa_devices ADD COLUMN failures_since BIGINT;
