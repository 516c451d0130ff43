package org.skyring.adapters.voevent;

/**
 * What {@link VoEventReader} takes from one VOEvent packet, as text: mapping and checking the values is
 * {@link VoEventDecoder}'s job, so the reader stays a plain XML walk. Null = the element or attribute is absent.
 */
final class VoEventPacket {
    /** Local name of the document element; "VOEvent" for a VOEvent (namespaced or not). */
    String rootElement;
    String ivorn;
    String role;
    String version;
    /** GCN packet type: the What/Param named Packet_Type. */
    String packetType;
    /** WhereWhen ... TimeInstant/ISOTime: the event (trigger) time. */
    String isoTime;
    /** WhereWhen ... AstroCoords/@coord_system_id, e.g. UTC-FK5-GEO, TDB-ICRS-BARY. */
    String coordSystem;
    /** Position2D/@unit (deg when absent). */
    String positionUnit;
    String c1;
    String c2;
    String errorRadius;
    /** What/Param named skymap_fits (LIGO/Virgo): the region is only a URL. */
    String skymapUrl;
}
