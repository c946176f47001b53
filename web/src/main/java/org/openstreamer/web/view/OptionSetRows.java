package org.openstreamer.web.view;

import org.primefaces.model.FilterMeta;
import org.primefaces.model.LazyDataModel;
import org.primefaces.model.SortMeta;
import org.primefaces.model.SortOrder;

import java.util.Comparator;
import java.util.List;
import java.util.Map;

/**
 * The locations or templates table's data, a page at a time. Their services read them whole (a
 * server has tens of them, not the thousands of streams), so each page is cut here from the
 * current list, filtered by a part of the key and sorted by key.
 */
public class OptionSetRows extends LazyDataModel<OptionSetRow> {

    private final OptionSetsView<?> source;
    private List<OptionSetRow> page = List.of();

    OptionSetRows(OptionSetsView<?> source) {
        this.source = source;
    }

    @Override
    public int count(Map<String, FilterMeta> filterBy) {
        return matching(filterBy).size();
    }

    @Override
    public List<OptionSetRow> load(int first, int pageSize, Map<String, SortMeta> sortBy, Map<String, FilterMeta> filterBy) {
        List<OptionSetRow> all = matching(filterBy);
        boolean descending = sortBy != null && sortBy.values().stream().anyMatch(s -> s.getOrder() == SortOrder.DESCENDING);
        Comparator<OptionSetRow> byKey = Comparator.comparing(OptionSetRow::key);
        all = all.stream().sorted(descending ? byKey.reversed() : byKey).toList();
        page = all.subList(Math.min(first, all.size()), Math.min(first + pageSize, all.size()));
        return page;
    }

    private List<OptionSetRow> matching(Map<String, FilterMeta> filterBy) {
        String part = null;
        if (filterBy != null) {
            for (FilterMeta f : filterBy.values()) {
                if (f.getFilterValue() != null && !f.getFilterValue().toString().isBlank()) {
                    part = f.getFilterValue().toString().trim();
                }
            }
        }
        String p = part;
        return source.rows().stream().filter(r -> p == null || r.key().contains(p)).toList();
    }

    @Override
    public String getRowKey(OptionSetRow row) {
        return row.key();
    }

    @Override
    public OptionSetRow getRowData(String rowKey) {
        return page.stream().filter(r -> r.key().equals(rowKey)).findFirst().orElse(null);
    }
}
