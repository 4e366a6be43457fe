package dev.portcullis.protocol.model;

import java.util.List;

/** How an operation pages its results, from the service's paginators file. */
public record Paginator(String inputToken, String limitKey, String moreResults,
    String outputToken, List<String> resultKeys) {}
