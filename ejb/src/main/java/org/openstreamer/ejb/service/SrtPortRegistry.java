package org.openstreamer.ejb.service;

import jakarta.ejb.Stateless;
import jakarta.ejb.TransactionAttribute;
import jakarta.ejb.TransactionAttributeType;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import org.openstreamer.connector.api.SrtEndpoint;
import org.openstreamer.ejb.error.ConfigException;
import org.openstreamer.ejb.model.SrtKind;

import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Keeps {@code srt_ports}, the one owner of every SRT port in the server, in step with the
 * endpoints a service writes, inside the caller's transaction. A port another owner holds, even
 * one claimed by a concurrent transaction that commits first, ends the change with 409
 * {@code port_conflict} naming that owner: {@code INSERT ... ON CONFLICT DO NOTHING} waits for the
 * other transaction, and the primary key decides.
 */
@Stateless
@TransactionAttribute(TransactionAttributeType.MANDATORY)
public class SrtPortRegistry {

    @PersistenceContext(unitName = "media")
    private EntityManager em;

    /**
     * Gives {@code stream} (null: the server's global ports) exactly the ports of {@code endpoints}.
     * Ports are claimed in ascending order, so two claimants never wait on each other in a cycle.
     */
    public void claim(String stream, Map<SrtKind, SrtEndpoint> endpoints) {
        em.flush();
        release(stream);
        Map<Integer, SrtKind> wanted = new TreeMap<>();
        endpoints.forEach((kind, e) -> {
            if (e.hasPort()) {
                wanted.put(e.port(), kind);
            }
        });
        if (stream != null && !wanted.isEmpty()) {
            refuseRangePorts(wanted);
        }
        wanted.forEach((port, kind) -> {
            var insert = em.createNativeQuery(stream == null
                            ? "INSERT INTO srt_ports (port, kind, stream) VALUES (?1, ?2, NULL) ON CONFLICT DO NOTHING"
                            : "INSERT INTO srt_ports (port, kind, stream) VALUES (?1, ?2, ?3) ON CONFLICT DO NOTHING")
                    .setParameter(1, port).setParameter(2, kind.key());
            if (stream != null) {
                insert.setParameter(3, stream);
            }
            if (insert.executeUpdate() == 0) {
                throw ConfigException.conflict(ConfigException.PORT_CONFLICT, kind.key() + ".port",
                        "Port " + port + " is already used by " + owner(port) + ".");
            }
        });
    }

    /**
     * A stream may not take a port of the server's SRT port ranges (those belong to whatever
     * stream the configuration backend names). The config row is read-locked first, so a
     * concurrent change of the ranges either commits before this check or waits for this
     * transaction and then sees its ports ({@link #firstTakenIn}).
     */
    private void refuseRangePorts(Map<Integer, SrtKind> wanted) {
        em.createNativeQuery("SELECT id FROM server_config WHERE id = 1 FOR SHARE").getResultList();
        wanted.forEach((port, kind) -> {
            @SuppressWarnings("unchecked")
            List<Object[]> rows = em.createNativeQuery("SELECT mode, first_port, last_port FROM server_srt_listeners"
                    + " WHERE ?1 BETWEEN first_port AND last_port ORDER BY position").setParameter(1, port).getResultList();
            if (!rows.isEmpty()) {
                Object[] r = rows.get(0);
                throw ConfigException.conflict(ConfigException.PORT_CONFLICT, kind.key() + ".port", "Port " + port
                        + " is in the server's SRT " + r[0] + " port range " + r[1] + "-" + r[2] + ".");
            }
        });
    }

    /** The first port of {@code first..last} an owner holds, as "port P (owner)", or null when all are free. */
    public String firstTakenIn(int first, int last) {
        @SuppressWarnings("unchecked")
        List<Object> ports = em.createNativeQuery("SELECT port FROM srt_ports WHERE port BETWEEN ?1 AND ?2 ORDER BY port LIMIT 1")
                .setParameter(1, first).setParameter(2, last).getResultList();
        if (ports.isEmpty()) {
            return null;
        }
        int port = ((Number) ports.get(0)).intValue();
        return "port " + port + " (" + owner(port) + ")";
    }

    /** Frees every port of {@code stream} (null: the server's global ports). */
    public void release(String stream) {
        if (stream == null) {
            em.createNativeQuery("DELETE FROM srt_ports WHERE stream IS NULL").executeUpdate();
        } else {
            em.createNativeQuery("DELETE FROM srt_ports WHERE stream = ?1").setParameter(1, stream).executeUpdate();
        }
    }

    /** "stream cam1 (srt_publish)" or "the server srt_publish listener". */
    String owner(int port) {
        @SuppressWarnings("unchecked")
        List<Object[]> rows = em.createNativeQuery("SELECT stream, kind FROM srt_ports WHERE port = ?1")
                .setParameter(1, port).getResultList();
        if (rows.isEmpty()) {
            return "another change in progress (retry)";
        }
        Object[] row = rows.get(0);
        return row[0] == null ? "the server " + row[1] + " listener" : "stream " + row[0] + " (" + row[1] + ")";
    }
}
