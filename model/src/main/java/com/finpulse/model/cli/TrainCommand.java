package com.finpulse.model.cli;

import com.finpulse.common.cli.CliArgs;
import com.finpulse.common.cli.UsageException;
import com.finpulse.common.registry.TrainingReport;
import com.finpulse.model.bert.LoraConfig;
import com.finpulse.model.bert.LoraTarget;
import com.finpulse.model.bundle.ModelBundle;
import com.finpulse.model.bundle.ModelManifest;
import com.finpulse.model.data.LabeledText;
import com.finpulse.model.data.MixedEntityPairs;
import com.finpulse.model.task.Pooling;
import com.finpulse.model.task.Task;
import com.finpulse.model.text.BertTokenizer;
import com.finpulse.model.text.EntityInput;
import com.finpulse.model.text.TextNormalizer;
import com.finpulse.model.train.Trainer;
import com.finpulse.model.train.TrainingConfig;
import com.finpulse.model.weights.BaseEncoder;
import com.finpulse.model.weights.EncoderLoader;
import com.finpulse.model.weights.LoadedEncoder;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/** {@code ./finpulse model train}. */
final class TrainCommand {

  static final String USAGE =
      """
      Usage: ./finpulse model train --base minilm|bge-small|e5-small|DIR --sentiment CSV --topic CSV
                                    [--extra CSV ...] --out DIR [options]

        --base B                 base encoder: a Maven-delivered one or a Hugging Face BERT
                                 checkpoint directory (config.json, model.safetensors, tokenizer.json)
        --sentiment CSV          text,label with 0=negative 1=positive 2=neutral (the financial
                                 tweets' coding; change with --sentiment-label-map)
        --topic CSV              text,label with label = topic id 0..19 (--topic-label-map i=Name,...)
        --extra CSV              more labelled data: text,label[,task] with label names
                                 (negative/neutral/positive or a topic name); task defaults to
                                 sentiment. Only use data whose licence allows what you do with the model.
        --news CSV               news paragraphs or sentences for the sentiment task: text,label
                                 with label names (e.g. FinEntity's unanimous paragraphs)
        --entity CSV             target-dependent sentiment: text,entity,label with label names;
                                 trains the entity head (sentiment toward one named company)
        --news-repeat N          repeat the training rows of --news and --entity N times, default 1
        --entity-mixed-repeat N  use the --entity training rows of paragraphs whose companies
                                 carry different labels N times (default: as --news-repeat)
        --entity-mix N           add N generated contrastive company pairs (4 rows each): the
                                 sentences naming company X in one training paragraph joined
                                 with those naming Y in another, whose label differs; labelled
                                 toward X with X's label and toward Y with Y's, both orders.
                                 Only from --entity's training side; a pair whose input would
                                 not fit in --max-length is skipped; the same seed, the same pairs
        --news-dev-fraction F    dev share of --news and --entity, default 0.2 (same paragraph,
                                 same side, across both files)
        --topic-sample F         train on this share of --topic's training rows (chosen by a hash
                                 of the text, so the same rows every run); default 1. Its dev
                                 split is kept whole. For a warm start that only has to keep the
                                 topic head where it is.
        --sentiment-sample F     the same for --sentiment's training rows
        --register N             add N generated press-release sentences whose label follows
                                 from what they say about results, orders, jobs or guidance
                                 (weak supervision; see RegisterSentences), default 0
        --entity-input I         marked-pair (default: mentions of the target marked, target
                                 as second segment) or pair (target as second segment only)
        --resume                 go on from the last finished epoch of an earlier run of the
                                 same command into the same --out (its .resume/ checkpoint,
                                 written after every epoch): same data order, optimizer state
                                 and schedule, so a run can span several sittings
        --stop-after-epoch N     end this sitting after epoch N (its checkpoint is kept; finish
                                 later with --resume)
        --init DIR               warm start from a trained model (same base and adapter shape):
                                 its adapters, LayerNorms and heads; a head it lacks starts fresh
        --out DIR                model directory to write (model.json + adapter.safetensors);
                                 or --registry DIR (below)
        --epochs N               default 4
        --lora-rank R            default 16 (with --lora-alpha, default 2R)
        --lora-targets LIST      of q,k,v,o,ffn_in,ffn_out; default q,v
        --lora-dropout P         default 0.1
        --full                   full fine-tune instead of LoRA
        --train-layer-norms      also train every LayerNorm (LoRA only)
        --lr X --head-lr X       peak learning rates (default 5e-4 / 1e-3 LoRA, 5e-5 / 1e-3 full)
        --batch-size N           default 32
        --warmup R               warm-up share of the steps, default 0.06
        --weight-decay X         default 0.01
        --dropout P              hidden and head dropout, default 0.1
        --max-length N           tokens, default 128
        --pooling mean|cls       default mean
        --class-weights TASKS    sqrt-inverse-frequency loss weights for these tasks, e.g. sentiment
        --dev-fraction F         default 0.1 (near-duplicates kept on one side)
        --patience N             epochs without dev improvement before stopping, default 2
        --max-minutes M          wall-time budget; stops after a final dev evaluation
        --seed N                 default 42
      """;

  int run(String[] argv, PrintStream out, PrintStream err) throws Exception {
    CliArgs a = CliArgs.parse(argv, List.of("full", "train-layer-norms", "resume", "help"));
    if (a.flag("help")) {
      out.print(USAGE + FeedbackOptions.USAGE);
      return 0;
    }
    String baseSpec = a.require("base");
    TrainingDataOptions data = TrainingDataOptions.parse(a);
    FeedbackOptions feedback = FeedbackOptions.parse(a);
    Path init = a.path("init");
    boolean resume = a.flag("resume");
    int stopAfter = a.intValue("stop-after-epoch", 0);
    EntityInput entityInput;
    try {
      entityInput = EntityInput.parse(a.get("entity-input", "marked-pair"));
    } catch (IllegalArgumentException e) {
      throw new UsageException(e.getMessage());
    }
    Path outArg = a.path("out");
    boolean full = a.flag("full");
    int rank = a.intValue("lora-rank", 16);
    double alpha = a.doubleValue("lora-alpha", 2.0 * rank);
    String targets = a.get("lora-targets", "q,v");
    double loraDropout = a.doubleValue("lora-dropout", 0.1);
    boolean trainLn = a.flag("train-layer-norms");
    double lr = a.doubleValue("lr", full ? 5e-5 : 5e-4);
    double headLr = a.doubleValue("head-lr", 1e-3);
    int epochs = a.intValue("epochs", 4);
    int batch = a.intValue("batch-size", 32);
    double warmup = a.doubleValue("warmup", 0.06);
    double wd = a.doubleValue("weight-decay", 0.01);
    double dropout = a.doubleValue("dropout", 0.1);
    int maxLength = a.intValue("max-length", 128);
    Pooling pooling = Pooling.parse(a.get("pooling", "mean"));
    Set<Task> cw = EnumSet.noneOf(Task.class);
    for (String t : a.get("class-weights", "").split(",")) {
      if (!t.isBlank()) {
        cw.add(Task.parse(t));
      }
    }
    int patience = a.intValue("patience", 2);
    double maxMinutes = a.doubleValue("max-minutes", 0);
    a.rejectUnknown();
    if (full && a.get("lora-rank") != null) {
      throw new UsageException("--full and --lora-rank exclude each other");
    }
    LoraConfig lora;
    try {
      lora = full ? null : new LoraConfig(rank, alpha, LoraTarget.parse(targets), loraDropout);
    } catch (IllegalArgumentException e) {
      throw new UsageException(e.getMessage());
    }

    TrainingDataOptions.Assembled assembled = data.assemble(err);
    FeedbackOptions.Prepared corrections = feedback.mixInto(assembled, err);
    Map<Task, List<String>> labels = assembled.labels();
    Map<Task, List<LabeledText>> train = assembled.train();
    Map<Task, List<LabeledText>> dev = assembled.dev();
    double devFraction = data.devFraction();
    long seed = data.seed();

    List<TrainingReport.DataFile> dataInfo = new ArrayList<>(assembled.dataInfo());
    if (corrections != null) {
      dataInfo.add(corrections.dataInfo());
    }
    LoadedEncoder base = EncoderLoader.load(baseSpec);
    try (BertTokenizer tok = new BertTokenizer(base.tokenizerJson(), maxLength)) {
      TrainingReport.DataFile mix =
          data.addEntityMix(assembled, MixedEntityPairs.untruncated(tok, entityInput), err);
      if (mix != null) {
        dataInfo.add(mix);
      }
    }
    err.printf(
        Locale.ROOT,
        "Base %s: %d layers, hidden %d, %,d parameters, sha256 %s%n",
        base.baseId(),
        base.weights().config().numLayers(),
        base.weights().config().hiddenSize(),
        base.weights().config().parameterCount(),
        base.sha256());
    TrainingConfig cfg =
        new TrainingConfig(
            epochs,
            batch,
            lr,
            headLr,
            warmup,
            wd,
            lora,
            trainLn && !full,
            (float) dropout,
            (float) dropout,
            maxLength,
            pooling,
            cw,
            seed,
            patience,
            devFraction,
            maxMinutes,
            entityInput,
            stopAfter);
    BaseEncoder known = BaseEncoder.byId(baseSpec).orElse(null);
    Map<String, List<String>> labelJson = new LinkedHashMap<>();
    labels.forEach((t, l) -> labelJson.put(t.id(), l));
    String command =
        "./finpulse model train "
            + String.join(
                " ", java.util.Arrays.stream(argv).filter(x -> !x.equals("--resume")).toList());
    TrainingReport.HyperParameters hyper =
        new TrainingReport.HyperParameters(
            epochs,
            batch,
            lr,
            headLr,
            warmup,
            wd,
            dropout,
            cw.toString(),
            devFraction,
            data.newsDevFraction(),
            data.newsRepeat(),
            data.topicSample(),
            data.sentimentSample(),
            seed,
            data.entityMixedRepeat() > 0 ? data.entityMixedRepeat() : null,
            data.entityMix() > 0 ? data.entityMix() : null);
    ModelManifest parent = init == null ? null : ModelBundle.readManifest(init);
    Path outDir = feedback.outputDirectory(outArg, resume);
    TrainingReport report =
        TrainingReport.trained(
            command,
            dataInfo,
            hyper,
            init == null ? null : init.toString(),
            parent == null ? null : parent.name() + "@" + parent.weightsSha256(),
            feedback.registryEntry(outDir, init),
            feedback.agreementBefore(corrections, init, err));
    ModelManifest manifest =
        new ModelManifest(
            ModelManifest.FORMAT,
            outDir.getFileName().toString(),
            new ModelManifest.Base(
                known == null ? base.baseId() : known.id(),
                known == null ? null : known.upstream(),
                known == null ? null : known.artifact(),
                base.sha256()),
            base.weights().config(),
            maxLength,
            pooling.id(),
            TextNormalizer.VERSION,
            lora == null
                ? null
                : new ModelManifest.Lora(
                    lora.rank(), lora.alpha(), LoraTarget.format(lora.targets())),
            full,
            cfg.trainLayerNorms(),
            null,
            null,
            labelJson,
            labels.containsKey(Task.ENTITY) ? entityInput.id() : null,
            null,
            null);
    Files.createDirectories(outDir);
    Trainer.Result r =
        new Trainer(cfg, err)
            .train(base, labels, train, dev, outDir, manifest, report, init, resume);
    feedback.after(corrections, outDir, err);
    out.printf(
        Locale.ROOT,
        "{\"out\":\"%s\",\"best_epoch\":%d,\"dev_score\":%.4f,\"seconds\":%.0f}%n",
        outDir.toAbsolutePath(),
        r.bestEpoch(),
        r.bestScore(),
        r.seconds());
    return 0;
  }
}
