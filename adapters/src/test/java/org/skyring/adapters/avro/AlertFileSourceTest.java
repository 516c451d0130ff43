package org.skyring.adapters.avro;

import org.junit.jupiter.api.Test;
import org.skyring.journal.ObservationRecord;
import org.skyring.testsupport.SharedData;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

class AlertFileSourceTest {
    private final ZtfAlertDecoder decoder = new ZtfAlertDecoder(AlertFiles.NO_LIMIT, null);

    private static List<String> drain(final AlertFileSource source) {
        final List<String> out = new ArrayList<>();
        final ObservationRecord r = new ObservationRecord();
        while (source.poll(r)) {
            out.add(r.observationId + "@" + r.sourcePartition + "/" + r.sourceOffset + ":" + r.adapter);
        }
        assertTrue(source.isExhausted());
        return out;
    }

    @Test
    void aGlobSelectsFilesInPathOrderWithFileNumberAndRecordNumberAsProvenance() {
        final Path dir = SharedData.require("ztf/native/ztf-avro-alert");
        final AlertFileSource source = AlertFileSource.open(decoder, dir + "/472263571115115000_v3.*.avro",
                AlertFiles.NO_LIMIT, null);
        assertEquals(List.of("472263571115115000_v3.0.avro", "472263571115115000_v3.1.avro",
                "472263571115115000_v3.2.avro", "472263571115115000_v3.3.avro"),
                source.files().stream().map(p -> p.getFileName().toString()).toList());
        assertEquals(List.of("472263571115115000@0/1:ztf-avro", "472263571115115000@1/1:ztf-avro",
                "472263571115115000@2/1:ztf-avro", "472263571115115000@3/1:ztf-avro"), drain(source));
    }

    @Test
    void aDirectoryIsSearchedRecursivelyAndAMultiRecordContainerNumbersItsRecords() {
        final Path dir = SharedData.require("ztf/native/fink_client");
        final AlertFileSource source = AlertFileSource.open(decoder, dir.getParent().toString(), AlertFiles.NO_LIMIT, null);
        assertEquals(130, source.files().size(), "every *.avro below ztf/native");
        final List<String> all = drain(source);
        assertEquals(132, all.size(), "MANIFEST.tsv records of ztf/native");
        final int multi = source.files().indexOf(dir.resolve("avro_multi_alerts_other.avro"));
        assertEquals(3, all.stream().filter(s -> s.contains("@" + multi + "/")).count());
        assertTrue(all.stream().anyMatch(s -> s.endsWith("@" + multi + "/3:ztf-avro")));
        assertEquals(all, drain(AlertFileSource.open(decoder, dir.getParent().toString(), AlertFiles.NO_LIMIT, null)),
                "same order and provenance on every run (restart de-duplication relies on it)");
    }

    @Test
    void nothingMatchingIsAnErrorNamingTheInput() {
        final IllegalArgumentException e = org.junit.jupiter.api.Assertions.assertThrows(IllegalArgumentException.class,
                () -> AlertFileSource.open(decoder, "/nonexistent/*.avro", AlertFiles.NO_LIMIT, null));
        assertEquals("no ztf-avro input matches '/nonexistent/*.avro'", e.getMessage());
        assertFalse(e.getMessage().isEmpty());
    }
}
