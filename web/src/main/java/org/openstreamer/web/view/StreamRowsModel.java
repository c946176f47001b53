package org.openstreamer.web.view;

import org.openstreamer.connector.api.PipelineInfo;
import org.openstreamer.ejb.model.StreamDefinition;
import org.openstreamer.ejb.service.StreamOperations;
import org.openstreamer.ejb.service.StreamService;
import org.primefaces.model.FilterMeta;
import org.primefaces.model.LazyDataModel;
import org.primefaces.model.SortMeta;
import org.primefaces.model.SortOrder;

import java.util.List;
import java.util.Map;

/**
 * The streams table's data, a page at a time: the database gives the page (OFFSET/LIMIT over the
 * name index, filtered by a part of the name, sorted by name either way) and the engine the live
 * figures of just those streams. Nothing is held beyond the page shown.
 */
public class StreamRowsModel extends LazyDataModel<StreamRow> {

    static final String NAME = "name";

    private final StreamService streams;
    private final StreamOperations operations;
    private List<StreamRow> page = List.of();

    StreamRowsModel(StreamService streams, StreamOperations operations) {
        this.streams = streams;
        this.operations = operations;
    }

    @Override
    public int count(Map<String, FilterMeta> filterBy) {
        return streams.count(filter(filterBy));
    }

    @Override
    public List<StreamRow> load(int first, int pageSize, Map<String, SortMeta> sortBy, Map<String, FilterMeta> filterBy) {
        SortMeta sort = sortBy == null ? null : sortBy.get(NAME);
        boolean descending = sort != null && sort.getOrder() == SortOrder.DESCENDING;
        List<StreamDefinition> found = streams.window(filter(filterBy), first, pageSize, descending);
        Map<String, PipelineInfo> live = operations.pipelines(found.stream().map(StreamDefinition::name).toList());
        page = found.stream().map(d -> StreamRow.of(d, live.get(d.name()))).toList();
        return page;
    }

    @Override
    public String getRowKey(StreamRow row) {
        return row.name();
    }

    @Override
    public StreamRow getRowData(String rowKey) {
        return page.stream().filter(r -> r.name().equals(rowKey)).findFirst().orElse(null);
    }

    /** The text typed in the name column's filter (or the global filter), or null. */
    private static String filter(Map<String, FilterMeta> filterBy) {
        if (filterBy == null) {
            return null;
        }
        for (FilterMeta f : filterBy.values()) {
            if (f.getFilterValue() != null && !f.getFilterValue().toString().isBlank()) {
                return f.getFilterValue().toString().trim();
            }
        }
        return null;
    }
}
