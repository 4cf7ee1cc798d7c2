package com.finpulse.model.cli;

import com.finpulse.common.cli.Command;
import java.io.PrintStream;
import java.util.Arrays;

/** {@code ./finpulse model train|eval|predict|blend|registry}. */
public final class ModelCommand implements Command {

  static final String USAGE =
      """
      Usage: ./finpulse model <train|eval|predict|blend|filing-sentences|registry> [options]

        train    fine-tune a sentiment + topic model (./finpulse model train --help)
        blend    interpolate two fine-tunes of one base in weight space, then calibrate
        eval     accuracy, F1, confusion matrix and calibration on a labelled CSV
        predict  one JSON line per text (arguments, or lines on stdin)
        filing-sentences  weak-labelled results sentences from filing documents (--help)
        registry list the model registry's versions (./finpulse model registry --help)
      """;

  @Override
  public String name() {
    return "model";
  }

  @Override
  public String summary() {
    return "train | eval | predict | blend | filing-sentences | registry: the sentiment and topic model";
  }

  @Override
  public int run(String[] args, PrintStream out, PrintStream err) throws Exception {
    if (args.length == 0 || args[0].equals("--help") || args[0].equals("-h")) {
      out.print(USAGE);
      return args.length == 0 ? 2 : 0;
    }
    String[] rest = Arrays.copyOfRange(args, 1, args.length);
    return switch (args[0]) {
      case "train" -> new TrainCommand().run(rest, out, err);
      case "eval" -> new EvalCommand().run(rest, out, err);
      case "predict" -> new PredictCommand().run(rest, out, err);
      case "blend" -> new BlendCommand().run(rest, out, err);
      case "filing-sentences" -> new FilingSentencesCommand().run(rest, out);
      case "registry" -> new RegistryCommand().run(rest, out);
      default -> {
        err.println("finpulse model: unknown subcommand '" + args[0] + "'");
        err.print(USAGE);
        yield 2;
      }
    };
  }
}
