package dev.paperdigest.notify.web;

import jakarta.validation.ConstraintViolation;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.IntUnaryOperator;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * What is wrong with a submitted form, by field name (the name of its input), in words shown next to that field.
 * Violations of Hibernate Validator are mapped by their property path: {@code email}, {@code sendHour},
 * {@code topics} (the list) and {@code topics[1].<list element>} (the second topic) all land on their input; a
 * topic's message names the line of the textarea it came from.
 */
public final class FormErrors {

    private static final Pattern PATH = Pattern.compile("([A-Za-z]+)(?:\\[(\\d+)])?.*");

    private final Map<String, List<String>> messages = new LinkedHashMap<>();

    /** No errors (yet). */
    public static FormErrors none() {
        return new FormErrors();
    }

    /**
     * The violations of a validated form object.
     *
     * @param lineOfTopic the 1-based textarea line of the topic at a list index
     */
    public static FormErrors of(Set<? extends ConstraintViolation<?>> violations, IntUnaryOperator lineOfTopic) {
        FormErrors errors = new FormErrors();
        violations.stream()
                .sorted((a, b) -> a.getPropertyPath().toString().compareTo(b.getPropertyPath().toString()))
                .forEach(violation -> {
                    Matcher path = PATH.matcher(violation.getPropertyPath().toString());
                    String field = path.matches() ? path.group(1) : violation.getPropertyPath().toString();
                    String message = violation.getMessage();
                    if (path.matches() && path.group(2) != null) {
                        message = "Line " + lineOfTopic.applyAsInt(Integer.parseInt(path.group(2))) + ": " + message;
                    } else if (field.equals("topics")) {
                        message = "Give at least one topic and at most " + maxOf(violation) + ", one per line.";
                    } else if (field.equals("sendHour")) {
                        message = "Must be an hour from 0 to 23.";
                    } else {
                        message = sentence(message);
                    }
                    errors.add(field, message);
                });
        return errors;
    }

    /** Adds a message for a field (an input's name). */
    public FormErrors add(String field, String message) {
        List<String> list = messages.computeIfAbsent(field, name -> new ArrayList<>());
        if (!list.contains(message)) {
            list.add(message);
        }
        return this;
    }

    public boolean isEmpty() {
        return messages.isEmpty();
    }

    public boolean has(String field) {
        return messages.containsKey(field);
    }

    /** The messages of a field (empty when it is fine). */
    public List<String> of(String field) {
        return messages.getOrDefault(field, List.of());
    }

    /** Fields with problems, for the summary at the top of the form. */
    public int count() {
        return messages.values().stream().mapToInt(List::size).sum();
    }

    /** A validator message ("must not be blank") as a sentence on its own. */
    static String sentence(String message) {
        if (message.isEmpty()) {
            return message;
        }
        String capital = Character.toUpperCase(message.charAt(0)) + message.substring(1);
        return capital.endsWith(".") ? capital : capital + ".";
    }

    private static Object maxOf(ConstraintViolation<?> violation) {
        Object max = violation.getConstraintDescriptor().getAttributes().get("max");
        return max == null ? "20" : max;
    }
}
