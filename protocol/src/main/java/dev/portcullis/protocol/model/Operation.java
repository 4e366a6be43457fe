package dev.portcullis.protocol.model;

import java.util.List;

/**
 * One operation of a service model.
 *
 * @param input the input structure's name, or null when the operation takes no input
 * @param output the output structure's name, or null when the operation returns nothing
 * @param resultWrapper the element that wraps the output in the response, or null
 * @param errors the names of the exception shapes the operation declares
 */
public record Operation(String name, String input, String output, String resultWrapper,
    List<String> errors) {}
