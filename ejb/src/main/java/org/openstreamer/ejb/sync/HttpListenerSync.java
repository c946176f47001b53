package org.openstreamer.ejb.sync;

import org.openstreamer.ejb.model.HttpListener;

import jakarta.ejb.Asynchronous;
import jakarta.ejb.Singleton;
import jakarta.ejb.TransactionAttribute;
import jakarta.ejb.TransactionAttributeType;

import javax.management.JMException;
import javax.management.MBeanOperationInfo;
import javax.management.MBeanParameterInfo;
import javax.management.MBeanServer;
import javax.management.ObjectName;
import java.lang.management.ManagementFactory;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.logging.Logger;

/**
 * Makes WildFly's extra HTTP listeners those of {@code listeners.http}: each is an Undertow
 * {@code http-listener} of the default server on a socket binding of its own (fixed port, on the
 * interface of the main HTTP port, or on the WildFly interface whose address is the listener's
 * {@code address}: WildFly binds interfaces it defines), added and removed at run time
 * through WildFly's management model, which the JMX subsystem exposes in-VM. Only resources named
 * {@code openstreamer-http-...} are touched; the name says the address and port, so a changed
 * listener is removed and added again and an unchanged one is left alone. A new listener listens
 * at once; a removed one leaves the configuration at once but WildFly closes its port only at the
 * next restart (removing a listener needs a reload; {@code ./run} starts from a fresh
 * configuration, and the application then adds what PostgreSQL lists).
 * <p>
 * Always asynchronous: a management write waits for the operation in progress, and during the
 * deployment that operation is the deployment itself.
 */
@Singleton
@TransactionAttribute(TransactionAttributeType.NOT_SUPPORTED)
public class HttpListenerSync {

    private static final Logger LOG = Logger.getLogger(HttpListenerSync.class.getName());
    static final String PREFIX = "openstreamer-http-";
    private static final String UNDERTOW = "jboss.as:subsystem=undertow,server=default-server";
    private static final String SOCKETS = "jboss.as:socket-binding-group=standard-sockets";

    /** The management name of a listener: {@code openstreamer-http-8081}, {@code openstreamer-http-127_0_0_1-8081}. */
    static String name(HttpListener l) {
        return PREFIX + (l.address() == null ? "" : l.address().replaceAll("[^0-9A-Za-z]", "_") + "-") + l.port();
    }

    /** Adds and removes listeners until WildFly has exactly {@code wanted}, one call at a time. */
    @Asynchronous
    public void apply(List<HttpListener> wanted) {
        reconcile(wanted);
    }

    /** Returns the problems, one line each (also logged). */
    static List<String> reconcile(List<HttpListener> wanted) {
        MBeanServer server = ManagementFactory.getPlatformMBeanServer();
        Map<String, HttpListener> want = new LinkedHashMap<>();
        wanted.forEach(l -> want.put(name(l), l));
        List<String> problems = new java.util.ArrayList<>();
        Set<String> have;
        try {
            have = new TreeSet<>();
            for (ObjectName n : server.queryNames(new ObjectName(UNDERTOW + ",http-listener=" + PREFIX + "*"), null)) {
                have.add(n.getKeyProperty("http-listener"));
            }
        } catch (JMException | RuntimeException e) {
            return List.of("WildFly's management model cannot be read over JMX: " + e);
        }
        for (String name : have) {
            if (!want.containsKey(name)) {
                try {
                    remove(server, name);
                    LOG.info("HTTP listener " + name + " removed (WildFly closes its port at the next restart)");
                } catch (JMException | RuntimeException e) {
                    problems.add("HTTP listener " + name + " could not be removed: " + reason(e));
                }
            }
        }
        for (Map.Entry<String, HttpListener> e : want.entrySet()) {
            if (!have.contains(e.getKey())) {
                try {
                    add(server, e.getKey(), e.getValue());
                    LOG.info("HTTP listener " + e.getKey() + " listening on port " + e.getValue().port());
                } catch (JMException | RuntimeException ex) {
                    problems.add("HTTP listener on port " + e.getValue().port() + " could not be opened: " + reason(ex));
                    try {
                        remove(server, e.getKey()); // whatever part of it was added
                    } catch (JMException | RuntimeException ignored) {
                        // nothing was left
                    }
                }
            }
        }
        problems.forEach(LOG::warning);
        return problems;
    }

    private static void add(MBeanServer server, String name, HttpListener l) throws JMException {
        String iface = l.address() == null ? "public" : interfaceOf(server, l.address());
        addChild(server, SOCKETS, "addSocketBinding", name, Map.of("interface", iface, "port", l.port(), "fixedPort", true));
        addChild(server, UNDERTOW, "addHttpListener", name, Map.of("socketBinding", name));
    }

    /** The WildFly interface that resolves to {@code address}. */
    private static String interfaceOf(MBeanServer server, String address) throws JMException {
        for (ObjectName n : server.queryNames(new ObjectName("jboss.as:interface=*"), null)) {
            Object resolved = server.getAttribute(n, "resolvedAddress");
            if (resolved != null && sameAddress(resolved.toString(), address)) {
                return n.getKeyProperty("interface");
            }
        }
        throw new JMException("no WildFly interface has the address " + address
                + " (define one, or leave the address out to use the main HTTP port's)");
    }

    private static boolean sameAddress(String a, String b) {
        try {
            return java.net.InetAddress.getByName(a).equals(java.net.InetAddress.getByName(b)); // IP literals: no lookup
        } catch (java.net.UnknownHostException e) {
            return false;
        }
    }

    private static void remove(MBeanServer server, String name) throws JMException {
        for (String resource : List.of(UNDERTOW + ",http-listener=" + name, SOCKETS + ",socket-binding=" + name)) {
            ObjectName n = new ObjectName(resource);
            if (server.isRegistered(n)) {
                server.invoke(n, "remove", new Object[0], new String[0]);
            }
        }
    }

    /**
     * Invokes the facade's child-add operation on {@code parent}: its first parameter is the
     * child's name, the others the add operation's attributes in camel case, null unless given.
     */
    private static void addChild(MBeanServer server, String parent, String operation, String name,
                                 Map<String, Object> values) throws JMException {
        ObjectName parentName = new ObjectName(parent);
        for (MBeanOperationInfo op : server.getMBeanInfo(parentName).getOperations()) {
            if (!op.getName().equals(operation)) {
                continue;
            }
            MBeanParameterInfo[] params = op.getSignature();
            Object[] args = new Object[params.length];
            String[] types = new String[params.length];
            Map<String, Object> left = new HashMap<>(values);
            for (int i = 0; i < params.length; i++) {
                types[i] = params[i].getType();
                args[i] = i == 0 && !values.containsKey(params[i].getName()) ? name : left.remove(params[i].getName());
            }
            if (!left.isEmpty()) {
                throw new JMException(operation + " has no parameter " + left.keySet());
            }
            server.invoke(parentName, operation, args, types);
            return;
        }
        throw new JMException(parent + " has no operation " + operation);
    }

    private static String reason(Exception e) {
        Throwable t = e;
        while (t.getCause() != null && t.getMessage() == null) {
            t = t.getCause();
        }
        return t.getMessage() != null ? t.getMessage() : t.toString();
    }
}
