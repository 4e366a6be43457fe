package dev.portcullis.store;

import java.sql.SQLException;

/** A database failure; surfaces to clients as a ServiceFailure without details. */
public final class StoreException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  public StoreException(SQLException cause) {
    super(cause.getMessage(), cause);
  }

  public StoreException(String message, Throwable cause) {
    super(message, cause);
  }
}
