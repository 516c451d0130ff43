package org.skyring.adapters.avro;

import org.apache.avro.Schema;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Builds a reader schema that keeps only the fields a mapper reads, from whatever writer schema a packet carries.
 * Avro's schema resolution then skips every other field without materializing it (a ZTF candidate has ~100
 * fields, of which the mapping uses ~30; the 30-day history repeats that per point). Record names and
 * namespaces are kept, so resolution matches writer and reader records by name.
 *
 * <p>A {@link Keep} lists field names per record; a kept field whose type contains records is projected with
 * the nested {@link Keep} given for it, or kept whole with {@link Keep#ALL}. A record type used in several
 * places is projected once (the first use wins), so its uses must share one Keep.
 */
final class SchemaProjection {
    private SchemaProjection() {
    }

    /** The fields to keep of one record, and what to keep inside each of them. */
    static final class Keep {
        static final Keep ALL = new Keep(null);
        private final Map<String, Keep> fields;

        private Keep(final Map<String, Keep> fields) {
            this.fields = fields;
        }

        static Keep of(final Set<String> scalarFields) {
            final Map<String, Keep> m = new HashMap<>();
            for (final String f : scalarFields) {
                m.put(f, ALL);
            }
            return new Keep(m);
        }

        /** Adds a field (record, array of records, union...) with what to keep inside it. */
        Keep with(final String field, final Keep nested) {
            fields.put(field, nested);
            return this;
        }

        Keep with(final String field) {
            return with(field, ALL);
        }

        boolean keepsAll() {
            return fields == null;
        }
    }

    static Schema project(final Schema writer, final Keep keep) {
        return project(writer, keep, new HashMap<>());
    }

    private static Schema project(final Schema s, final Keep keep, final Map<String, Schema> done) {
        if (keep.keepsAll()) {
            return s;
        }
        switch (s.getType()) {
            case RECORD: {
                final Schema already = done.get(s.getFullName());
                if (already != null) {
                    return already;
                }
                final Schema r = Schema.createRecord(s.getName(), s.getDoc(), s.getNamespace(), s.isError());
                done.put(s.getFullName(), r);
                final List<Schema.Field> fields = new ArrayList<>();
                for (final Schema.Field f : s.getFields()) {
                    final Keep nested = keep.fields.get(f.name());
                    if (nested != null) {
                        fields.add(new Schema.Field(f.name(), project(f.schema(), nested, done), null, (Object) null));
                    }
                }
                r.setFields(fields);
                return r;
            }
            case UNION: {
                final List<Schema> types = new ArrayList<>(s.getTypes().size());
                for (final Schema t : s.getTypes()) {
                    types.add(project(t, keep, done));
                }
                return Schema.createUnion(types);
            }
            case ARRAY:
                return Schema.createArray(project(s.getElementType(), keep, done));
            case MAP:
                return Schema.createMap(project(s.getValueType(), keep, done));
            default:
                return s;
        }
    }

    /** The record schema inside {@code s} (itself, or the record branch of a nullable union, or array items). */
    static Schema recordOf(final Schema s) {
        if (s == null) {
            return null;
        }
        switch (s.getType()) {
            case RECORD:
                return s;
            case ARRAY:
                return recordOf(s.getElementType());
            case UNION:
                for (final Schema t : s.getTypes()) {
                    final Schema r = recordOf(t);
                    if (r != null) {
                        return r;
                    }
                }
                return null;
            default:
                return null;
        }
    }

    /** Position of the first of {@code names} present in record {@code r}, or -1 (also when r is null). */
    static int position(final Schema r, final String... names) {
        if (r == null) {
            return -1;
        }
        for (final String n : names) {
            final Schema.Field f = r.getField(n);
            if (f != null) {
                return f.pos();
            }
        }
        return -1;
    }
}
