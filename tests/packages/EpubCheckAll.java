// Runs EPUBCheck on every file named, in one Java process (EPUBCheck's own
// command line takes one file, and starting Java with its schemas costs about
// 20 s each on a loaded 2-core machine). Prints one line per book:
//   NAME: F fatal, E errors, W warnings
// after EPUBCheck's own messages, and exits 1 if any book has any of them.
import com.adobe.epubcheck.api.EpubCheck;
import com.adobe.epubcheck.util.DefaultReportImpl;
import java.io.File;

public class EpubCheckAll {
  public static void main(String[] args) {
    int bad = 0;
    for (String name : args) {
      DefaultReportImpl report = new DefaultReportImpl(name);
      new EpubCheck(new File(name), report).doValidate();
      int fatal = report.getFatalErrorCount(), errors = report.getErrorCount(), warnings = report.getWarningCount();
      System.out.println(name + ": " + fatal + " fatal, " + errors + " errors, " + warnings + " warnings");
      if (fatal + errors + warnings > 0) bad++;
    }
    System.exit(bad == 0 ? 0 : 1);
  }
}
