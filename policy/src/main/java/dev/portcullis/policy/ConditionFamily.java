package dev.portcullis.policy;

/** The families of condition operators, each comparing values of one type. */
public enum ConditionFamily {
  STRING,
  NUMERIC,
  DATE,
  BOOL,
  BINARY,
  IP_ADDRESS,
  ARN,
  NULL
}
