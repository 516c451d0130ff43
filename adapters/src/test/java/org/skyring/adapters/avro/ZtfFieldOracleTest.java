package org.skyring.adapters.avro;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;
import org.skyring.journal.Band;
import org.skyring.journal.ObservationRecord;
import org.skyring.journal.QualityFlag;
import org.skyring.testsupport.SharedData;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Field by field against an independent reader: Debian's python3-avro (the Apache Avro Python implementation,
 * installed by .ci/run) reads the same packets and the mapping is recomputed from its values.
 */
class ZtfFieldOracleTest {
    private static final String PYTHON = "/usr/bin/python3";
    private static final String SCRIPT = String.join("\n",
            "import avro.datafile, avro.io, json, sys",
            "out = []",
            "with open(sys.argv[1], 'rb') as f:",
            "    for a in avro.datafile.DataFileReader(f, avro.io.DatumReader()):",
            "        c = a['candidate']",
            "        keep = ['jd','fid','pid','candid','isdiffpos','rcid','xpos','ypos','ra','dec','magpsf','sigmapsf',",
            "                'magdiff','fwhm','mindtoedge','elong','nbad','rb','drb','ssdistnr','ssmagnr','sgscore1',",
            "                'distpsnr1','ndethist','jdstarthist','exptime']",
            "        cand = {k: c.get(k) for k in keep}",
            "        if 'sgscore1' not in c: cand['sgscore1'] = c.get('sgscore')  # schema 1.5 name",
            "        prv = a.get('prv_candidates') or []",
            "        out.append({'objectId': a['objectId'], 'c': cand,",
            "                    'prv': [{k: p.get(k) for k in ['jd','fid','candid','magpsf','sigmapsf','diffmaglim','isdiffpos']} for p in prv]})",
            "print(json.dumps(out))");

    private static boolean pythonAvro() {
        try {
            final Process p = new ProcessBuilder(PYTHON, "-c", "import avro.datafile").redirectErrorStream(true).start();
            return p.waitFor(30, TimeUnit.SECONDS) && p.exitValue() == 0;
        } catch (final IOException e) {
            return false;
        } catch (final InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    private static JsonNode python(final Path file) throws Exception {
        final Process p = new ProcessBuilder(PYTHON, "-c", SCRIPT, file.toString()).start();
        final byte[] out = p.getInputStream().readAllBytes();
        final String err = new String(p.getErrorStream().readAllBytes(), StandardCharsets.UTF_8);
        assertTrue(p.waitFor(60, TimeUnit.SECONDS));
        assertEquals(0, p.exitValue(), err);
        return new ObjectMapper().readTree(out);
    }

    @Test
    void mappingMatchesPythonAvroFieldByField() throws Exception {
        SharedData.requireTool(pythonAvro(), "Debian python3-avro (apt-get install python3-avro) is the oracle");
        final ZtfAlertDecoder decoder = new ZtfAlertDecoder(AlertFiles.NO_LIMIT, null);
        for (final String rel : List.of("ztf/native/ztf-avro-alert/472263571115115000_v3.3.avro",
                "ztf/native/ampel_tar_tst_20180209", "ztf/fink_reencoded_v4.02/2481114531315015022.avro",
                "ztf/native/fink_client/avro_multi_alerts_other.avro")) {
            final Path path = SharedData.require(rel);
            final Path file = path.toFile().isDirectory() ? AlertFiles.avroFiles(path).get(0) : path;
            final JsonNode expected = python(file);
            final List<ObservationRecord> actual = AlertFiles.decode(decoder, file);
            assertEquals(expected.size(), actual.size(), file.toString());
            for (int i = 0; i < actual.size(); i++) {
                check(file + "#" + i, expected.get(i), actual.get(i));
            }
        }
        assertTrue(withPrevious > 0, "some checked packets have an earlier same-band detection");
    }

    private int withPrevious;

    private void check(final String where, final JsonNode a, final ObservationRecord o) {
        final JsonNode c = a.get("c");
        assertEquals(c.get("candid").asText(), o.observationId.toString(), where);
        assertEquals(a.get("objectId").asText(), o.objectId.toString(), where);
        assertEquals(Band.fromZtfFid(c.get("fid").asInt()), o.band, where);
        assertEquals(c.get("pid").asLong(), o.exposureId, where);
        assertEquals(c.get("rcid").asInt(), o.detectorId, where);
        final double exptime = c.get("exptime").isNull() ? 30.0 : c.get("exptime").asDouble();
        final double jdMid = c.get("jd").asDouble() + exptime / 2 / 86400.0;
        assertEquals((jdMid - 2440587.5) * 86400e9, o.observationTimeNanos, 1e3, where + " time (1 us)");
        same(where + " ra", c, "ra", o.raDeg);
        same(where + " dec", c, "dec", o.decDeg);
        same(where + " magpsf", c, "magpsf", o.value);
        same(where + " sigmapsf", c, "sigmapsf", o.valueUncertainty);
        same(where + " rb", c, "rb", o.realBogus);
        same(where + " drb", c, "drb", o.deepRealBogus);
        same(where + " fwhm", c, "fwhm", o.fwhmPx);
        same(where + " elong", c, "elong", o.elongation);
        same(where + " magdiff", c, "magdiff", o.magDiff);
        same(where + " xpos", c, "xpos", o.detectorX);
        same(where + " ypos", c, "ypos", o.detectorY);
        same(where + " mindtoedge", c, "mindtoedge", o.distanceToEdgePx);
        same(where + " ssdistnr", c, "ssdistnr", o.solarSystemDistanceArcsec);
        same(where + " ssmagnr", c, "ssmagnr", o.solarSystemMag);
        same(where + " sgscore1", c, "sgscore1", o.nearestStarScore);
        same(where + " distpsnr1", c, "distpsnr1", o.nearestStarDistanceArcsec);
        assertEquals(c.get("nbad").isNull() ? -1 : c.get("nbad").asInt(), o.badPixelCount, where);
        assertEquals(c.get("ndethist").isNull() ? -1 : c.get("ndethist").asInt(), o.detectionCount, where);
        final String diff = c.get("isdiffpos").asText();
        assertEquals(diff.equals("f") || diff.equals("0"), o.hasFlag(QualityFlag.NEGATIVE_SUBTRACTION), where);
        int detections = 0;
        int limits = 0;
        double previousJd = -1;
        double previousMag = Double.NaN;
        double lastLimitJd = -1;
        double lastLimit = Double.NaN;
        final double jd = c.get("jd").asDouble();
        for (final JsonNode p : a.get("prv")) {
            final boolean detection = !p.get("candid").isNull() && !p.get("magpsf").isNull();
            final double pJd = p.get("jd").asDouble();
            if (detection && !p.get("candid").asText().equals(c.get("candid").asText())
                    && (p.get("isdiffpos").isNull() || List.of("t", "1").contains(p.get("isdiffpos").asText()))) {
                detections++;
                if (p.get("fid").asInt() == c.get("fid").asInt() && pJd < jd && pJd > previousJd) {
                    previousJd = pJd;
                    previousMag = p.get("magpsf").asDouble();
                }
            } else if (!detection && !p.get("diffmaglim").isNull() && p.get("diffmaglim").asDouble() != -999) {
                limits++;
                if (pJd < jd && pJd > lastLimitJd) {
                    lastLimitJd = pJd;
                    lastLimit = p.get("diffmaglim").asDouble();
                }
            }
        }
        assertEquals(previousMag, o.previousMag, 0.0, where + " previous same-band detection");
        withPrevious += Double.isNaN(previousMag) ? 0 : 1;
        assertEquals(lastLimit, o.lastNonDetectionLimitMag, 0.0, where + " last non-detection limit");
        if (previousJd > 0) {
            assertEquals((previousJd + 15 / 86400.0 - 2440587.5) * 86400e9, o.previousTimeNanos, 1e3, where);
        }
        int gotLimits = 0;
        for (int i = 0; i < o.history.count(); i++) {
            gotLimits += o.history.isUpperLimit(i) ? 1 : 0;
        }
        assertEquals(Math.min(detections + limits, 64), o.history.count(), where + " history points");
        if (detections + limits <= 64) {
            assertEquals(limits, gotLimits, where + " upper limits");
        }
    }

    /** Python's value (null and -999 = absent) equals the record's (NaN = absent). */
    private static void same(final String where, final JsonNode c, final String field, final double actual) {
        final JsonNode v = c.get(field);
        if (v == null || v.isNull() || v.asDouble() == -999.0
                || (field.startsWith("ss") || field.startsWith("dist")) && v.asDouble() < 0) {
            assertTrue(Double.isNaN(actual), where + ": expected absent, got " + actual);
        } else {
            assertEquals(v.asDouble(), actual, 0.0, where);
        }
    }
}
