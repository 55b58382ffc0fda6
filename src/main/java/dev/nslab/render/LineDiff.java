package dev.nslab.render;

import java.util.ArrayList;
import java.util.List;

/**
 * The lines of a before and an after output, in order, each kept, added or removed: a longest
 * common subsequence, so a line that went away shows where it was (an unmounted /mnt, a freed
 * queue).
 */
final class LineDiff {
  enum Kind {
    KEPT,
    ADDED,
    REMOVED
  }

  record Line(Kind kind, String text) {}

  private LineDiff() {}

  static List<Line> of(List<String> before, List<String> after) {
    int n = before.size(), m = after.size();
    int[][] common =
        new int[n + 1][m + 1]; // common[i][j]: LCS length of before[i..] and after[j..]
    for (int i = n - 1; i >= 0; i--) {
      for (int j = m - 1; j >= 0; j--) {
        common[i][j] =
            before.get(i).equals(after.get(j))
                ? common[i + 1][j + 1] + 1
                : Math.max(common[i + 1][j], common[i][j + 1]);
      }
    }
    List<Line> out = new ArrayList<>();
    int i = 0, j = 0;
    while (i < n || j < m) {
      if (i < n && j < m && before.get(i).equals(after.get(j))) {
        out.add(new Line(Kind.KEPT, after.get(j)));
        i++;
        j++;
      } else if (i < n && (j == m || common[i + 1][j] >= common[i][j + 1])) {
        out.add(new Line(Kind.REMOVED, before.get(i++)));
      } else {
        out.add(new Line(Kind.ADDED, after.get(j++)));
      }
    }
    return out;
  }
}
