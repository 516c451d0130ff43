package org.skyring.engine.config;

import com.fasterxml.jackson.databind.JsonNode;

import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * Typed, checked access to one mapping of the YAML config. Every read names the full key, so an error says
 * exactly which key is wrong, what it holds and what is allowed; {@link #finish()} rejects keys nobody read
 * (a typo must not silently fall back to a default).
 */
final class ConfigSection {
    private final String path;
    private final JsonNode node;
    private final Set<String> read = new LinkedHashSet<>();

    ConfigSection(final String path, final JsonNode node) {
        this.path = path;
        this.node = node;
        if (node != null && !node.isObject() && !node.isNull()) {
            throw new ConfigException(path + ": expected a mapping of keys, got " + node);
        }
    }

    String key(final String name) {
        return path.isEmpty() ? name : path + "." + name;
    }

    private JsonNode get(final String name) {
        read.add(name);
        if (node == null || node.isNull()) {
            return null;
        }
        final JsonNode v = node.get(name);
        return v == null || v.isNull() ? null : v;
    }

    ConfigSection section(final String name) {
        return new ConfigSection(key(name), get(name));
    }

    double number(final String name, final double dflt, final double min, final double max) {
        final JsonNode v = get(name);
        if (v == null) {
            return dflt;
        }
        if (!v.isNumber()) {
            throw new ConfigException(key(name) + ": expected a number in [" + min + ", " + max + "], got " + v);
        }
        final double d = v.asDouble();
        if (!(d >= min && d <= max)) {
            throw new ConfigException(key(name) + ": " + v + " is outside the allowed range [" + min + ", " + max + "]");
        }
        return d;
    }

    int integer(final String name, final int dflt, final int min, final int max) {
        final JsonNode v = get(name);
        if (v == null) {
            return dflt;
        }
        if (!v.isIntegralNumber() || v.asLong() < min || v.asLong() > max) {
            throw new ConfigException(key(name) + ": expected an integer in [" + min + ", " + max + "], got " + v);
        }
        return v.asInt();
    }

    boolean bool(final String name, final boolean dflt) {
        final JsonNode v = get(name);
        if (v == null) {
            return dflt;
        }
        if (!v.isBoolean()) {
            throw new ConfigException(key(name) + ": expected true or false, got " + v);
        }
        return v.asBoolean();
    }

    String text(final String name, final String dflt) {
        final JsonNode v = get(name);
        if (v == null) {
            return dflt;
        }
        if (!v.isTextual()) {
            throw new ConfigException(key(name) + ": expected a string, got " + v);
        }
        return v.asText();
    }

    <E extends Enum<E>> E choice(final String name, final E dflt, final Class<E> type) {
        final JsonNode v = get(name);
        if (v == null) {
            return dflt;
        }
        return parseEnum(key(name), v, type);
    }

    <E extends Enum<E>> List<E> choices(final String name, final List<E> dflt, final Class<E> type) {
        final JsonNode v = get(name);
        if (v == null) {
            return dflt;
        }
        if (!v.isArray()) {
            throw new ConfigException(key(name) + ": expected a list of " + allowed(type) + ", got " + v);
        }
        final List<E> out = new ArrayList<>();
        for (final JsonNode item : v) {
            out.add(parseEnum(key(name), item, type));
        }
        return out;
    }

    List<Integer> integers(final String name, final List<Integer> dflt) {
        final JsonNode v = get(name);
        if (v == null) {
            return dflt;
        }
        final List<Integer> out = new ArrayList<>();
        if (!v.isArray()) {
            throw new ConfigException(key(name) + ": expected a list of integers, got " + v);
        }
        for (final JsonNode item : v) {
            if (!item.isIntegralNumber()) {
                throw new ConfigException(key(name) + ": expected a list of integers, got element " + item);
            }
            out.add(item.asInt());
        }
        return out;
    }

    /** A free-form mapping of string keys to scalar values (kept as text); empty when absent. */
    java.util.Map<String, String> textMap(final String name) {
        final JsonNode v = get(name);
        final java.util.Map<String, String> out = new java.util.LinkedHashMap<>();
        if (v == null) {
            return out;
        }
        if (!v.isObject()) {
            throw new ConfigException(key(name) + ": expected a mapping of keys to values, got " + v);
        }
        final Iterator<java.util.Map.Entry<String, JsonNode>> fields = v.fields();
        while (fields.hasNext()) {
            final java.util.Map.Entry<String, JsonNode> f = fields.next();
            if (!f.getValue().isValueNode() || f.getValue().isNull()) {
                throw new ConfigException(key(name) + "." + f.getKey() + ": expected a string, number or boolean, got "
                        + f.getValue());
            }
            out.put(f.getKey(), f.getValue().asText());
        }
        return out;
    }

    List<String> texts(final String name, final List<String> dflt) {
        final JsonNode v = get(name);
        if (v == null) {
            return dflt;
        }
        if (!v.isArray()) {
            throw new ConfigException(key(name) + ": expected a list of strings, got " + v);
        }
        final List<String> out = new ArrayList<>();
        for (final JsonNode item : v) {
            if (!item.isTextual()) {
                throw new ConfigException(key(name) + ": expected a list of strings, got element " + item);
            }
            out.add(item.asText());
        }
        return out;
    }

    /** The keys of a mapping whose keys are names chosen by the user (e.g. alerts.webhooks); all count as read. */
    List<String> names() {
        final List<String> out = new ArrayList<>();
        if (node != null && !node.isNull()) {
            node.fieldNames().forEachRemaining(out::add);
        }
        return out;
    }

    private static <E extends Enum<E>> E parseEnum(final String key, final JsonNode v, final Class<E> type) {
        if (v.isTextual()) {
            final String wanted = v.asText().trim().replace('-', '_').toUpperCase(Locale.ROOT);
            for (final E e : type.getEnumConstants()) {
                if (e.name().equals(wanted)) {
                    return e;
                }
            }
        }
        throw new ConfigException(key + ": " + v + " is not one of " + allowed(type));
    }

    private static <E extends Enum<E>> String allowed(final Class<E> type) {
        final List<String> names = new ArrayList<>();
        for (final E e : type.getEnumConstants()) {
            names.add(e.name().toLowerCase(Locale.ROOT).replace('_', '-'));
        }
        return names.toString();
    }

    /** Fails on any key of this mapping that was never read: it is a typo or belongs elsewhere. */
    void finish() {
        if (node == null || node.isNull()) {
            return;
        }
        final Iterator<String> names = node.fieldNames();
        while (names.hasNext()) {
            final String n = names.next();
            if (!read.contains(n)) {
                throw new ConfigException(key(n) + ": unknown key (allowed here: " + String.join(", ", read) + ")");
            }
        }
    }
}
