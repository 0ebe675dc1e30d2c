package io.proxyline.bench;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import java.util.function.ToDoubleFunction;

/** The median of a phase's repetitions and their range. */
record Spread(double median, double min, double max) {

    static <T> Spread of(List<T> reps, ToDoubleFunction<T> value) {
        List<Double> values = new ArrayList<>();
        for (T r : reps) values.add(value.applyAsDouble(r));
        if (values.isEmpty()) return new Spread(Double.NaN, Double.NaN, Double.NaN);
        Collections.sort(values);
        int n = values.size();
        double median = n % 2 == 1 ? values.get(n / 2) : (values.get(n / 2 - 1) + values.get(n / 2)) / 2;
        return new Spread(median, values.get(0), values.get(n - 1));
    }

    /** "2,431 (2,380–2,502)" with {@code decimals} digits after the point. */
    String show(int decimals) {
        if (Double.isNaN(median)) return "–";
        return number(median, decimals) + " (" + number(min, decimals) + "–" + number(max, decimals) + ")";
    }

    static String number(double v, int decimals) {
        if (Double.isNaN(v)) return "–";
        return String.format(Locale.ROOT, "%,." + decimals + "f", v);
    }
}
