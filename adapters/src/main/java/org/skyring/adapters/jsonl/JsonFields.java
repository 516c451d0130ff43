package org.skyring.adapters.jsonl;

/**
 * JSON field names shared by {@link JsonLinesSource} and {@link JsonLinesWriter}: snake_case of the
 * {@code ObservationRecord} field names, so the two can never drift apart. Constants (not an enum) so that the
 * reader can dispatch with a string switch on the parser's canonicalized names, without a lookup allocation.
 */
final class JsonFields {
    private JsonFields() {
    }

    static final String OBSERVATION_ID = "observation_id";
    static final String SOURCE_FACILITY = "source_facility";
    static final String OBJECT_ID = "object_id";
    static final String OBSERVATION_TIME = "observation_time";
    static final String OBSERVATION_TIME_NS = "observation_time_ns";
    static final String RA_DEG = "ra_deg";
    static final String DEC_DEG = "dec_deg";
    static final String EPOCH_YEAR = "epoch_year";
    static final String POSITION_UNCERTAINTY_ARCSEC = "position_uncertainty_arcsec";
    static final String MEASUREMENT_TYPE = "measurement_type";
    static final String VALUE = "value";
    static final String VALUE_UNCERTAINTY = "value_uncertainty";
    static final String BAND = "band";
    static final String FREQUENCY_GHZ = "frequency_ghz";
    static final String ENERGY_LOW_KEV = "energy_low_kev";
    static final String ENERGY_HIGH_KEV = "energy_high_kev";
    static final String INSTRUMENT = "instrument";
    static final String DETECTOR_ID = "detector_id";
    static final String EXPOSURE_ID = "exposure_id";
    static final String EXPOSURE_TIME_SEC = "exposure_time_sec";
    static final String SEEING_ARCSEC = "seeing_arcsec";
    static final String AIRMASS = "airmass";
    static final String QUALITY_FLAGS = "quality_flags";
    static final String REAL_BOGUS = "real_bogus";
    static final String DEEP_REAL_BOGUS = "deep_real_bogus";
    static final String BAD_PIXEL_COUNT = "bad_pixel_count";
    static final String FWHM_PX = "fwhm_px";
    static final String ELONGATION = "elongation";
    static final String MAG_DIFF = "mag_diff";
    static final String DETECTOR_X = "detector_x";
    static final String DETECTOR_Y = "detector_y";
    static final String DISTANCE_TO_EDGE_PX = "distance_to_edge_px";
    static final String SOLAR_SYSTEM_DISTANCE_ARCSEC = "solar_system_distance_arcsec";
    static final String SOLAR_SYSTEM_MAG = "solar_system_mag";
    static final String NEAREST_STAR_DISTANCE_ARCSEC = "nearest_star_distance_arcsec";
    static final String NEAREST_STAR_SCORE = "nearest_star_score";
    static final String DETECTION_COUNT = "detection_count";
    static final String FIRST_DETECTION_TIME = "first_detection_time";
    static final String FIRST_DETECTION_TIME_NS = "first_detection_time_ns";
    static final String PREVIOUS_MAG = "previous_mag";
    static final String PREVIOUS_TIME = "previous_time";
    static final String PREVIOUS_TIME_NS = "previous_time_ns";
    static final String LAST_NON_DETECTION_LIMIT_MAG = "last_non_detection_limit_mag";
    static final String LAST_NON_DETECTION_TIME = "last_non_detection_time";
    static final String LAST_NON_DETECTION_TIME_NS = "last_non_detection_time_ns";
    static final String RELIABILITY = "reliability";
    static final String TRAIL_LENGTH_ARCSEC = "trail_length_arcsec";
    static final String SCHEMA_VERSION = "schema_version";
    static final String TRUTH_LABEL = "truth_label";
    /** Carried so that a dead-lettered record written out and read back stays dead-lettered. */
    static final String SOURCE_ERROR = "source_error";

    // ZTF-style aliases.
    static final String ISDIFFPOS = "isdiffpos";
    static final String FID = "fid";

    // Provenance stamped by this adapter or the engine: present in journal dumps, silently ignored on input.
    static final String RECEIVED_TIME = "received_time";
    static final String RECEIVED_TIME_NS = "received_time_ns";
    static final String ADAPTER = "adapter";
    static final String SOURCE_PARTITION = "source_partition";
    static final String SOURCE_OFFSET = "source_offset";
    static final String INGEST_HOST = "ingest_host";
    static final String ENGINE_VERSION = "engine_version";
}
