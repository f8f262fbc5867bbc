<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="ja" sourcelanguage="en">
<context>
    <name>Counts</name>
    <message>
        <source>1 layer</source>
        <translation>1 層</translation>
    </message>
    <message>
        <source>%1 layers</source>
        <translation>%1 層</translation>
    </message>
    <message>
        <source>1 head</source>
        <translation>1 ヘッド</translation>
    </message>
    <message>
        <source>%1 heads</source>
        <translation>%1 ヘッド</translation>
    </message>
    <message>
        <source>1 token</source>
        <translation>1 トークン</translation>
    </message>
    <message>
        <source>%1 tokens</source>
        <translation>%1 トークン</translation>
    </message>
</context>
<context>
    <name>HeatmapView</name>
    <message>
        <source>key</source>
        <translation>キー</translation>
    </message>
    <message>
        <source>query</source>
        <translation>クエリ</translation>
    </message>
    <message>
        <source>max</source>
        <translation>最大</translation>
    </message>
    <message>
        <source>weight (0–1)</source>
        <translation>重み (0–1)</translation>
    </message>
    <message>
        <source>weight (0–max of each head)</source>
        <translation>重み (0–各ヘッドの最大)</translation>
    </message>
    <message>
        <source>weight (0–max)</source>
        <translation>重み (0–最大)</translation>
    </message>
    <message>
        <source>weight (log)</source>
        <translation>重み (対数)</translation>
    </message>
</context>
<context>
    <name>Language</name>
    <message>
        <source>Language</source>
        <translation>言語</translation>
    </message>
    <message>
        <source>&amp;Restart Now</source>
        <translation>今すぐ再起動(&amp;R)</translation>
    </message>
    <message>
        <source>&amp;Later</source>
        <translation>後で(&amp;L)</translation>
    </message>
    <message>
        <source>&amp;Language</source>
        <translation>言語(&amp;L)</translation>
    </message>
    <message>
        <source>AttnLab will be in %1 from its next start. Restart now?</source>
        <translation>AttnLab は次回の起動から%1で表示されます。今すぐ再起動しますか？</translation>
    </message>
</context>
<context>
    <name>LessonDeck</name>
    <message>
        <source>Answer: %1</source>
        <translation>答え：%1</translation>
    </message>
    <message>
        <source>Question</source>
        <translation>問題</translation>
    </message>
    <message>
        <source>Answer</source>
        <translation>答え</translation>
    </message>
</context>
<context>
    <name>QObject</name>
    <message>
        <source>exp override &quot;%1&quot;: write x = value, e.g. 1/2 = 3/2</source>
        <translation>exp の近似「%1」: x = 値 の形で書いてください（例: 1/2 = 3/2）</translation>
    </message>
    <message>
        <source>exp override &quot;%1&quot;: %2</source>
        <translation>exp の近似「%1」: %2</translation>
    </message>
    <message>
        <source>exp override &quot;%1&quot;: exp(x) must be positive</source>
        <translation>exp の近似「%1」: exp(x) は正の値でなければなりません</translation>
    </message>
    <message>
        <source>%1: row %2, column %3: %4</source>
        <translation>%1: %2 行 %3 列: %4</translation>
    </message>
    <message>
        <source>Heatmap</source>
        <translation>ヒートマップ</translation>
    </message>
    <message>
        <source>Head view</source>
        <translation>ヘッドビュー</translation>
    </message>
    <message>
        <source>Arcs</source>
        <translation>弧</translation>
    </message>
    <message>
        <source>Model view</source>
        <translation>モデルビュー</translation>
    </message>
    <message>
        <source>Step by step</source>
        <translation>ステップごと</translation>
    </message>
    <message>
        <source>Positional encoding</source>
        <translation>位置エンコーディング</translation>
    </message>
    <message>
        <source>Residual stream</source>
        <translation>残差ストリーム</translation>
    </message>
    <message>
        <source>lesson %1: the matrices editor cannot show W_o with a memory M</source>
        <translation>レッスン %1: 行列エディタでは W_o とメモリ M を同時に表示できません</translation>
    </message>
    <message>
        <source>%1 (llama2.c)</source>
        <translation>%1 (llama2.c)</translation>
    </message>
    <message>
        <source>Head roles</source>
        <translation>ヘッドの役割</translation>
    </message>
    <message>
        <source>Rollout</source>
        <translation>ロールアウト</translation>
    </message>
    <message>
        <source>Which heads matter</source>
        <translation>効いているヘッド</translation>
    </message>
    <message>
        <source>Logit lens</source>
        <translation>ロジットレンズ</translation>
    </message>
    <message>
        <source>Queries &amp; keys</source>
        <translation>クエリとキー</translation>
    </message>
    <message>
        <source>Patching</source>
        <translation>パッチング</translation>
    </message>
    <message>
        <source>, </source>
        <comment>between the items of a list</comment>
        <translation>、</translation>
    </message>
    <message>
        <source>head %1</source>
        <translation>ヘッド %1</translation>
    </message>
    <message>
        <source>heads %1</source>
        <translation>ヘッド %1</translation>
    </message>
    <message>
        <source>the MLP of layer %1</source>
        <translation>層 %1 の MLP</translation>
    </message>
    <message>
        <source>the MLPs of layers %1</source>
        <translation>層 %1 の MLP</translation>
    </message>
    <message>
        <source>%1 and %2</source>
        <comment>heads and MLPs switched off</comment>
        <translation>%1 と %2</translation>
    </message>
    <message>
        <source>Lesson File</source>
        <translation>レッスンファイル</translation>
    </message>
    <message>
        <source>%1 is not a lesson AttnLab can open. What to change:</source>
        <translation>%1 は AttnLab で開けるレッスンではありません。直すべき点：</translation>
    </message>
    <message>
        <source>The lesson format is described in docs/LESSONS.md; &lt;tt&gt;attnlab lessons --validate FILE&lt;/tt&gt; lists the same problems.</source>
        <translation>レッスンの形式は docs/LESSONS.md に説明があります。&lt;tt&gt;attnlab lessons --validate FILE&lt;/tt&gt; でも同じ問題が一覧されます。</translation>
    </message>
</context>
<context>
    <name>attnlab::app</name>
    <message>
        <source>In the views and fields</source>
        <translation>ビューと入力欄で</translation>
    </message>
    <message>
        <source>Step by step: previous / next step</source>
        <translation>ステップごと: 前 / 次のステップ</translation>
    </message>
    <message>
        <source>Step by step: first / last step</source>
        <translation>ステップごと: 最初 / 最後のステップ</translation>
    </message>
    <message>
        <source>Home / End</source>
        <translation>Home / End</translation>
    </message>
    <message>
        <source>Step by step: previous / next query row</source>
        <translation>ステップごと: 前 / 次のクエリ行</translation>
    </message>
    <message>
        <source>Heatmap: choose the query</source>
        <translation>ヒートマップ: クエリを選びます</translation>
    </message>
    <message>
        <source>click a row label</source>
        <translation>行ラベルをクリック</translation>
    </message>
    <message>
        <source>Heatmap: mask or unmask a cell</source>
        <translation>ヒートマップ: セルをマスク / マスク解除します</translation>
    </message>
    <message>
        <source>click a cell</source>
        <translation>セルをクリック</translation>
    </message>
    <message>
        <source>Sentence field: a new line (a newline token, shown as ↵)</source>
        <translation>文の欄: 改行（改行トークン、↵ と表示されます）</translation>
    </message>
    <message>
        <source>Return</source>
        <translation>Return</translation>
    </message>
    <message>
        <source>Sentence field: leave the field</source>
        <translation>文の欄: 欄から出ます</translation>
    </message>
    <message>
        <source>Tab</source>
        <translation>Tab</translation>
    </message>
    <message>
        <source>Presentation mode: leave</source>
        <translation>プレゼンテーションモード: 終了します</translation>
    </message>
    <message>
        <source>Esc</source>
        <translation>Esc</translation>
    </message>
</context>
<context>
    <name>attnlab::app::AblationBar</name>
    <message>
        <source>⊘ Switched off: %1</source>
        <translation>⊘ 切っている部分: %1</translation>
    </message>
    <message>
        <source>Set to zero</source>
        <translation>0 にする</translation>
    </message>
    <message>
        <source>Replace by the mean</source>
        <translation>平均で置き換える</translation>
    </message>
    <message>
        <source>How a part switched off is replaced: its output set to 0, or its output at every position replaced by its mean over this input&apos;s positions</source>
        <translation>切った部分を何で置き換えるか: 出力を 0 にするか、各位置の出力をこの入力の全位置での平均に置き換えるか</translation>
    </message>
    <message>
        <source>Switch All Back On</source>
        <translation>すべて元に戻す</translation>
    </message>
    <message>
        <source>Switch every head and MLP back on (Ctrl+Shift+K)</source>
        <translation>すべてのヘッドと MLP を元に戻す（Ctrl+Shift+K）</translation>
    </message>
</context>
<context>
    <name>attnlab::app::AttentionMemoryExtra</name>
    <message>
        <source>The number of tokens N</source>
        <translation>トークン数 N</translation>
    </message>
    <message>
        <source>Tokens</source>
        <translation>トークン数</translation>
    </message>
    <message>
        <source>Heads</source>
        <translation>ヘッド数</translation>
    </message>
    <message>
        <source>Layers</source>
        <translation>層数</translation>
    </message>
    <message>
        <source>tokens N</source>
        <translation>トークン数 N</translation>
    </message>
    <message>
        <source>attention matrices (GiB)</source>
        <translation>注意行列 (GiB)</translation>
    </message>
    <message>
        <source>N = %1: %2 × %3 heads × %4 layers × 4 bytes = &lt;b&gt;%5&lt;/b&gt; bytes = &lt;b&gt;%6&lt;/b&gt;. Doubling N quadruples it; the causal mask hides half the cells but does not shrink the matrix.</source>
        <translation>N = %1: %2 × %3 ヘッド × %4 層 × 4 バイト = &lt;b&gt;%5&lt;/b&gt; バイト = &lt;b&gt;%6&lt;/b&gt;。N を 2 倍にすると 4 倍になります。因果マスクはセルの半分を隠しますが、行列は小さくなりません。</translation>
    </message>
</context>
<context>
    <name>attnlab::app::ComparisonTab</name>
    <message>
        <source>B: %1</source>
        <translation>B: %1</translation>
    </message>
    <message>
        <source>Computing B…</source>
        <translation>B を計算中…</translation>
    </message>
    <message>
        <source>Compare takes a sentence: typed matrices have no text B.</source>
        <translation>比較には文が必要です。入力した行列にはテキスト B がありません。</translation>
    </message>
    <message>
        <source>Text B, compared with the input (A); empty: A&apos;s text through model B</source>
        <translation>テキスト B（入力 A と比較）。空のときは A のテキストをモデル B に通します</translation>
    </message>
    <message>
        <source>View</source>
        <translation>ビュー</translation>
    </message>
    <message>
        <source>The view drawn for A and for B; the heatmap adds A − B</source>
        <translation>A と B の両方に描くビュー。ヒートマップでは A − B も描きます</translation>
    </message>
    <message>
        <source>Model B</source>
        <translation>モデル B</translation>
    </message>
    <message>
        <source>The model B runs: A&apos;s own, or another one on the same text (text B empty) or on text B</source>
        <translation>B を計算するモデル：A と同じモデル、または別のモデル（テキスト B が空なら同じテキスト、そうでなければテキスト B）</translation>
    </message>
    <message>
        <source>Model B: %1</source>
        <translation>モデル B：%1</translation>
    </message>
    <message>
        <source>Same model as A</source>
        <translation>A と同じモデル</translation>
    </message>
    <message>
        <source>Toy model (untrained)</source>
        <translation>toy モデル（未学習）</translation>
    </message>
    <message>
        <source>Choose folder…</source>
        <translation>フォルダーを選ぶ…</translation>
    </message>
    <message>
        <source>Toy model</source>
        <translation>toy モデル</translation>
    </message>
    <message>
        <source>Type a text B, or choose another model B, to compare with A.</source>
        <translation>A と比較するには、テキスト B を入力するか、別のモデル B を選んでください。</translation>
    </message>
    <message>
        <source>Loading model B (%1)…</source>
        <translation>モデル B（%1）を読み込み中…</translation>
    </message>
    <message>
        <source>No difference A − B: %1</source>
        <translation>差 A − B はありません：%1</translation>
    </message>
</context>
<context>
    <name>attnlab::app::ComputeStatus</name>
    <message>
        <source>Run the first token</source>
        <translation>先頭のトークンで実行</translation>
    </message>
    <message>
        <source>Run the first %1 tokens</source>
        <translation>先頭の %1 トークンで実行</translation>
    </message>
    <message>
        <source>Run only the first of %1 layers</source>
        <translation>%1 層のうち最初の層だけを実行</translation>
    </message>
    <message>
        <source>Run only the first %1 of %2 layers</source>
        <translation>%2 層のうち最初の %1 層だけを実行</translation>
    </message>
    <message>
        <source>Show the trace of the beginning of the text; the rest stays in the editor</source>
        <translation>テキストの先頭部分のトレースを表示します。残りはエディタにそのまま残ります</translation>
    </message>
    <message>
        <source>Show every token, in the first layers only: the later layers and the predictions are left out</source>
        <translation>すべてのトークンを最初の層だけで表示します（後の層と予測は省かれます）</translation>
    </message>
    <message>
        <source>Stop</source>
        <translation>停止</translation>
    </message>
    <message>
        <source>Stop this computation and keep showing the last result</source>
        <translation>この計算を止め、直前の結果を表示したままにします</translation>
    </message>
    <message>
        <source>Stopped: the views still show the last result</source>
        <translation>停止しました：ビューは直前の結果を表示しています</translation>
    </message>
    <message>
        <source> · output width %1</source>
        <translation> · 出力の幅 %1</translation>
    </message>
    <message>
        <source>Layer %1 of %2</source>
        <translation>層 %1 / %2</translation>
    </message>
    <message>
        <source>%1 · %2 · %3 × %4%5%6</source>
        <translation>%1 · %2 · %3 × %4%5%6</translation>
    </message>
</context>
<context>
    <name>attnlab::app::ControlBar</name>
    <message>
        <source>Controls</source>
        <translation>コントロール</translation>
    </message>
    <message>
        <source>Layer </source>
        <translation>層 </translation>
    </message>
    <message>
        <source>Layer to show (Ctrl+Up / Ctrl+Down)</source>
        <translation>表示する層 (Ctrl+Up / Ctrl+Down)</translation>
    </message>
    <message>
        <source>Head to show, or all heads, their average or maximum (Ctrl+Left / Ctrl+Right)</source>
        <translation>表示するヘッド、またはすべてのヘッド、その平均か最大 (Ctrl+Left / Ctrl+Right)</translation>
    </message>
    <message>
        <source>Mask: which keys each query may attend to (masked scores become −∞ before the softmax)</source>
        <translation>マスク: 各クエリが注意を向けてよいキー（マスクされたスコアはソフトマックスの前に −∞ になります）</translation>
    </message>
    <message>
        <source>No mask</source>
        <translation>マスクなし</translation>
    </message>
    <message>
        <source>Causal</source>
        <translation>因果</translation>
    </message>
    <message>
        <source>Sliding window</source>
        <translation>スライディングウィンドウ</translation>
    </message>
    <message>
        <source>Padding</source>
        <translation>パディング</translation>
    </message>
    <message>
        <source>Custom</source>
        <translation>カスタム</translation>
    </message>
    <message>
        <source>÷ √d_k</source>
        <translation>÷ √d_k</translation>
    </message>
    <message>
        <source>Unscaled</source>
        <translation>スケーリングなし</translation>
    </message>
    <message>
        <source>Temperature</source>
        <translation>温度</translation>
    </message>
    <message>
        <source>Scaling of the scores QKᵀ before the softmax</source>
        <translation>ソフトマックスの前にスコア QKᵀ をスケーリングする方法</translation>
    </message>
    <message>
        <source>Scores are divided by τ: small τ sharpens, large τ flattens the weights</source>
        <translation>スコアを τ で割ります。τ が小さいほど重みは鋭く、大きいほど平坦になります</translation>
    </message>
    <message>
        <source>Positional encoding of the toy model</source>
        <translation>toy モデルの位置エンコーディング</translation>
    </message>
    <message>
        <source>Sinusoidal</source>
        <translation>正弦波</translation>
    </message>
    <message>
        <source>No positions</source>
        <translation>位置なし</translation>
    </message>
    <message>
        <source>Naive (+i)</source>
        <translation>素朴 (+i)</translation>
    </message>
    <message>
        <source>Learned</source>
        <translation>学習</translation>
    </message>
    <message>
        <source>RoPE</source>
        <translation>RoPE</translation>
    </message>
    <message>
        <source>ALiBi</source>
        <translation>ALiBi</translation>
    </message>
    <message>
        <source>Pre-norm</source>
        <translation>Pre-norm</translation>
    </message>
    <message>
        <source>Post-norm</source>
        <translation>Post-norm</translation>
    </message>
    <message>
        <source>LayerNorm before each sublayer (x + f(LN(x))) or after the residual (LN(x + f(x)))</source>
        <translation>LayerNorm を各サブレイヤーの前に置く (x + f(LN(x))) か、残差接続の後に置く (LN(x + f(x)))</translation>
    </message>
    <message>
        <source>Mask</source>
        <translation>マスク</translation>
    </message>
    <message>
        <source>Scale</source>
        <translation>スケール</translation>
    </message>
    <message>
        <source>Positions</source>
        <translation>位置</translation>
    </message>
    <message>
        <source>Exact</source>
        <translation>厳密値</translation>
    </message>
    <message>
        <source>Show values as exact fractions (9/26, √2/2) where they are (Ctrl+E)</source>
        <translation>厳密な分数で表せる値は分数で表示します (9/26, √2/2)（Ctrl+E）</translation>
    </message>
    <message>
        <source>K = </source>
        <translation>K = </translation>
    </message>
    <message>
        <source>last N = </source>
        <translation>末尾 N = </translation>
    </message>
    <message>
        <source>Each query sees itself and the K − 1 tokens before it</source>
        <translation>各クエリは自分自身と、その前の K − 1 個のトークンを見ます</translation>
    </message>
    <message>
        <source>The last N keys are padding, hidden from every query</source>
        <translation>末尾の N 個のキーはパディングで、どのクエリからも見えません</translation>
    </message>
    <message>
        <source>τ = %1</source>
        <translation>τ = %1</translation>
    </message>
    <message>
        <source>Head %1</source>
        <translation>ヘッド %1</translation>
    </message>
    <message>
        <source>All heads</source>
        <translation>すべてのヘッド</translation>
    </message>
    <message>
        <source>Average of heads</source>
        <translation>ヘッドの平均</translation>
    </message>
    <message>
        <source>Maximum of heads</source>
        <translation>ヘッドの最大</translation>
    </message>
    <message>
        <source>Used by the toy model only: typed matrices have no positions and no LayerNorm</source>
        <translation>トイモデル専用：入力した行列には位置情報も LayerNorm もありません</translation>
    </message>
    <message>
        <source>Fixed by %1: the model was trained this way</source>
        <translation>%1 で固定：モデルはこの設定で学習されています</translation>
    </message>
</context>
<context>
    <name>attnlab::app::DotProductVarianceExtra</name>
    <message>
        <source>The width d of the random vectors a and b</source>
        <translation>ランダムなベクトル a と b の幅 d</translation>
    </message>
    <message>
        <source>Width d</source>
        <translation>幅 d</translation>
    </message>
    <message>
        <source>aᵀb</source>
        <translation>aᵀb</translation>
    </message>
    <message>
        <source>pairs</source>
        <translation>組</translation>
    </message>
    <message>
        <source>Mean of (aᵀb)² over %1 pairs: &lt;b&gt;%2&lt;/b&gt; ± %3, expected &lt;b&gt;E[(aᵀb)²] = d = %4&lt;/b&gt;. Mean of aᵀb: %5.</source>
        <translation>%1 組にわたる (aᵀb)² の平均: &lt;b&gt;%2&lt;/b&gt; ± %3、期待値 &lt;b&gt;E[(aᵀb)²] = d = %4&lt;/b&gt;。aᵀb の平均: %5。</translation>
    </message>
    <message>
        <source>Eight scores (%1):&lt;br&gt;softmax without ÷√d: &lt;b&gt;%2&lt;/b&gt;&lt;br&gt;softmax of scores ÷ √d: &lt;b&gt;%3&lt;/b&gt;</source>
        <translation>8 個のスコア (%1):&lt;br&gt;÷√d なしのソフトマックス: &lt;b&gt;%2&lt;/b&gt;&lt;br&gt;スコア ÷ √d のソフトマックス: &lt;b&gt;%3&lt;/b&gt;</translation>
    </message>
</context>
<context>
    <name>attnlab::app::DownloadDialog</name>
    <message>
        <source>Download Model</source>
        <translation>モデルのダウンロード</translation>
    </message>
    <message>
        <source>gpt2, or a Hub repository ORG/NAME</source>
        <translation>gpt2、または Hub のリポジトリ ORG/NAME</translation>
    </message>
    <message>
        <source>A teaching model AttnLab knows, or any Hugging Face repository as ORG/NAME (it needs config.json and model.safetensors)</source>
        <translation>AttnLab が知っている教材用モデル、または ORG/NAME 形式の任意の Hugging Face リポジトリ（config.json と model.safetensors が必要です）</translation>
    </message>
    <message>
        <source>From %1 into %2</source>
        <translation>%1 から %2 へ</translation>
    </message>
    <message>
        <source>Files already downloaded are kept; an interrupted file resumes.</source>
        <translation>ダウンロード済みのファイルはそのまま使い、中断したファイルは続きから再開します。</translation>
    </message>
    <message>
        <source>&amp;Download</source>
        <translation>ダウンロード(&amp;D)</translation>
    </message>
    <message>
        <source>&amp;Model:</source>
        <translation>モデル(&amp;M):</translation>
    </message>
    <message>
        <source>Checking the files…</source>
        <translation>ファイルを確認しています…</translation>
    </message>
    <message>
        <source>Cancelled. The partial file is kept: Download resumes it.</source>
        <translation>キャンセルしました。途中までのファイルは残してあり、ダウンロードで再開できます。</translation>
    </message>
    <message>
        <source>Downloaded to %1</source>
        <translation>%1 にダウンロードしました</translation>
    </message>
    <message>
        <source>Connecting…</source>
        <translation>接続しています…</translation>
    </message>
    <message>
        <source>%1 (file %2 of %3): %4 of %5</source>
        <translation>%1（ファイル %2/%3）: %4 / %5</translation>
    </message>
    <message>
        <source>%1 (file %2 of %3): %4</source>
        <translation>%1（ファイル %2/%3）: %4</translation>
    </message>
    <message>
        <source>&amp;Cancel</source>
        <translation>キャンセル(&amp;C)</translation>
    </message>
    <message>
        <source>&amp;Close</source>
        <translation>閉じる(&amp;C)</translation>
    </message>
</context>
<context>
    <name>attnlab::app::ExamSoftmaxExtra</name>
    <message>
        <source>&amp;Exact exp(x) instead of exp(1/2) ≈ 3/2</source>
        <translation>exp(1/2) ≈ 3/2 の代わりに厳密な exp(x) を使う(&amp;E)</translation>
    </message>
    <message>
        <source>Recompute without the answer key&apos;s approximation and compare the two rows</source>
        <translation>解答の近似を使わずに計算し直し、2 つの行を比べます</translation>
    </message>
    <message>
        <source>a%1,%2</source>
        <translation>a%1,%2</translation>
    </message>
    <message>
        <source>y%1[%2]</source>
        <translation>y%1[%2]</translation>
    </message>
    <message>
        <source>exp(1/2) ≈ 3/2</source>
        <translation>exp(1/2) ≈ 3/2</translation>
    </message>
    <message>
        <source>exact exp</source>
        <translation>厳密な exp</translation>
    </message>
</context>
<context>
    <name>attnlab::app::ExportDialog</name>
    <message>
        <source>Export Figure</source>
        <translation>図の書き出し</translation>
    </message>
    <message>
        <source>PNG image</source>
        <translation>PNG 画像</translation>
    </message>
    <message>
        <source>SVG vector figure</source>
        <translation>SVG ベクター図</translation>
    </message>
    <message>
        <source>PDF vector figure (fonts embedded)</source>
        <translation>PDF ベクター図（フォント埋め込み）</translation>
    </message>
    <message>
        <source> px</source>
        <translation> px</translation>
    </message>
    <message>
        <source>PNG resolution: 96 is the screen&apos;s size, 192 or 300 for slides and print</source>
        <translation>PNG の解像度: 96 で画面と同じ大きさ、スライドや印刷には 192 か 300</translation>
    </message>
    <message>
        <source>Format</source>
        <translation>形式</translation>
    </message>
    <message>
        <source>Width</source>
        <translation>幅</translation>
    </message>
    <message>
        <source>Height</source>
        <translation>高さ</translation>
    </message>
    <message>
        <source>Resolution (PNG)</source>
        <translation>解像度 (PNG)</translation>
    </message>
    <message>
        <source>%1 files (*.%2)</source>
        <translation>%1 ファイル (*.%2)</translation>
    </message>
    <message>
        <source>Export Matrices</source>
        <translation>行列の書き出し</translation>
    </message>
    <message>
        <source>Matrix</source>
        <translation>行列</translation>
    </message>
    <message>
        <source>LaTeX (*.tex);;CSV (*.csv)</source>
        <translation>LaTeX (*.tex);;CSV (*.csv)</translation>
    </message>
    <message>
        <source>Title</source>
        <translation>タイトル</translation>
    </message>
    <message>
        <source>Off for a figure placed under a slide&apos;s own title (attnlab export --no-title)</source>
        <translation>スライド自身のタイトルの下に置く図ではオフにします (attnlab export --no-title)</translation>
    </message>
    <message>
        <source>All steps</source>
        <translation>すべてのステップ</translation>
    </message>
    <message>
        <source>Every step at once, for slides that build up (attnlab export --all-steps)</source>
        <translation>すべてのステップを一度に書き出します。順に積み上げるスライド用です (attnlab export --all-steps)</translation>
    </message>
    <message>
        <source>One PDF with a page per step</source>
        <translation>ステップごとに 1 ページの PDF を 1 つ</translation>
    </message>
    <message>
        <source>One file per step: %1 … %2 (the chosen name with -1 … -%3 before the suffix, or in place of %d if the name holds it)</source>
        <translation>ステップごとに 1 ファイル: %1 … %2（選んだ名前の拡張子の前に -1 … -%3 を付けます。名前に %d があればその位置に入れます）</translation>
    </message>
</context>
<context>
    <name>attnlab::app::InputPanel</name>
    <message>
        <source>&amp;Sentence</source>
        <translation>文(&amp;S)</translation>
    </message>
    <message>
        <source>&amp;Matrices</source>
        <translation>行列(&amp;M)</translation>
    </message>
    <message>
        <source>Type a sentence in any language</source>
        <translation>任意の言語で文を入力してください</translation>
    </message>
    <message>
        <source>Optional: a second sentence to attend to</source>
        <translation>省略可: 注意を向ける先の 2 つ目の文</translation>
    </message>
    <message>
        <source>Source–target attention: queries come from the sentence, keys and values from this one</source>
        <translation>ソース・ターゲット注意: クエリは文から、キーとバリューはこの文から来ます</translation>
    </message>
    <message>
        <source>The built-in toy model has seeded random weights: it shows the mechanism, not meaning</source>
        <translation>内蔵の toy モデルの重みはシード付きの乱数です。仕組みは示しますが、意味は示しません</translation>
    </message>
    <message>
        <source>d_model: must be a multiple of the number of heads</source>
        <translation>d_model: ヘッド数の倍数でなければなりません</translation>
    </message>
    <message>
        <source>Sentence</source>
        <translation>文</translation>
    </message>
    <message>
        <source>Memory</source>
        <translation>メモリ</translation>
    </message>
    <message>
        <source>Model</source>
        <translation>モデル</translation>
    </message>
    <message>
        <source>Layers</source>
        <translation>層数</translation>
    </message>
    <message>
        <source>Heads</source>
        <translation>ヘッド数</translation>
    </message>
    <message>
        <source>Width d_model</source>
        <translation>幅 d_model</translation>
    </message>
    <message>
        <source>Q, K, V</source>
        <translation>Q, K, V</translation>
    </message>
    <message>
        <source>X with W_q, W_k, W_v, W_o</source>
        <translation>X と W_q, W_k, W_v, W_o</translation>
    </message>
    <message>
        <source>X alone (Q = K = V = X)</source>
        <translation>X のみ (Q = K = V = X)</translation>
    </message>
    <message>
        <source>Heads split the columns of Q and K (or W_q, W_k) into equal blocks</source>
        <translation>ヘッドは Q と K（または W_q, W_k）の列を等しいブロックに分けます</translation>
    </message>
    <message>
        <source>e.g. 1/2 = 3/2 (use exp(1/2) ≈ 3/2 as the exam does)</source>
        <translation>例: 1/2 = 3/2（試験問題と同じく exp(1/2) ≈ 3/2 を使う）</translation>
    </message>
    <message>
        <source>Approximations of exp used by the softmax, separated by semicolons</source>
        <translation>ソフトマックスで使う exp の近似（セミコロン区切り）</translation>
    </message>
    <message>
        <source>Input</source>
        <translation>入力</translation>
    </message>
    <message>
        <source>exp ≈</source>
        <translation>exp ≈</translation>
    </message>
    <message>
        <source>Toy model (untrained)</source>
        <translation>toy モデル（未学習）</translation>
    </message>
    <message>
        <source>Open model…</source>
        <translation>モデルを開く…</translation>
    </message>
    <message>
        <source>X attending to M, with W_q, W_k, W_v</source>
        <translation>X から M への注意 (W_q, W_k, W_v)</translation>
    </message>
    <message>
        <source>x1 x2 …</source>
        <translation>x1 x2 …</translation>
    </message>
    <message>
        <source>Names of the query rows (of Q or X) for the views, separated by spaces</source>
        <translation>ビューに表示するクエリ行 (Q または X の行) の名前。空白で区切ります</translation>
    </message>
    <message>
        <source>Names of the key rows (of K or M) for the views, separated by spaces; without them keys that are the tokens take their names, others are numbered</source>
        <translation>ビューに表示するキー行 (K または M の行) の名前。空白で区切ります。省略すると、トークンと同じキーはその名前を、それ以外のキーは番号を使います</translation>
    </message>
    <message>
        <source>Tokens</source>
        <translation>トークン</translation>
    </message>
    <message>
        <source>Key tokens</source>
        <translation>キーのトークン</translation>
    </message>
    <message>
        <source>The sentence whose attention is shown; words and punctuation become tokens. Return starts a new line, which a model reads as a newline token (shown as ↵); Tab leaves the field</source>
        <translation>注意を表示する文です。単語と句読点がトークンになります。Return で改行し、モデルは改行トークン（↵ と表示）として読みます。Tab で欄から出ます</translation>
    </message>
    <message>
        <source>Add a folder of models…</source>
        <translation>モデルのフォルダを追加…</translation>
    </message>
    <message>
        <source>List every model in a folder (a course&apos;s models folder) here</source>
        <translation>フォルダ内のすべてのモデル（講義のモデルフォルダなど）をここに表示します</translation>
    </message>
</context>
<context>
    <name>attnlab::app::LessonBrowser</name>
    <message>
        <source>Computing…</source>
        <translation>計算しています…</translation>
    </message>
    <message>
        <source>Lessons</source>
        <translation>レッスン</translation>
    </message>
    <message>
        <source>Each lesson opens its input, its view and a pane that walks through the steps.</source>
        <translation>各レッスンは入力とビュー、そして手順を順に説明するパネルを開きます。</translation>
    </message>
    <message>
        <source>The language of the lessons&apos; titles and texts</source>
        <translation>レッスンのタイトルと本文の言語</translation>
    </message>
    <message>
        <source>&amp;Open</source>
        <translation>開く(&amp;O)</translation>
    </message>
    <message>
        <source>Added</source>
        <translation>追加</translation>
    </message>
    <message>
        <source>&amp;Add Lesson…</source>
        <translation>レッスンを追加(&amp;A)…</translation>
    </message>
    <message>
        <source>Check a lesson file (.attnlab-lesson) and keep a copy among your lessons, after the built-in ones</source>
        <translation>レッスンファイル（.attnlab-lesson）を検査し、その写しを組み込みのレッスンの後に自分のレッスンとして保存します</translation>
    </message>
    <message>
        <source>&amp;Remove</source>
        <translation>削除(&amp;R)</translation>
    </message>
    <message>
        <source>Remove the selected lesson you added (its copy in your lessons folder)</source>
        <translation>選択した追加レッスンを削除します（レッスンフォルダ内の写し）</translation>
    </message>
    <message>
        <source>Add Lesson</source>
        <translation>レッスンを追加</translation>
    </message>
    <message>
        <source>Lessons (*.attnlab-lesson *.json);;All files (*)</source>
        <translation>レッスン (*.attnlab-lesson *.json);;すべてのファイル (*)</translation>
    </message>
    <message>
        <source>Remove Lesson</source>
        <translation>レッスンを削除</translation>
    </message>
    <message>
        <source>Remove the lesson “%1” from your lessons? The file you added it from is not touched.</source>
        <translation>レッスン「%1」を自分のレッスンから削除しますか？ 追加元のファイルはそのまま残ります。</translation>
    </message>
</context>
<context>
    <name>attnlab::app::LessonController</name>
    <message>
        <source>Lesson</source>
        <translation>レッスン</translation>
    </message>
    <message>
        <source>&amp;Lessons…</source>
        <translation>レッスン(&amp;L)…</translation>
    </message>
    <message>
        <source>Built-in lessons: each opens its input, its view and a pane that walks through it</source>
        <translation>内蔵のレッスン: 各レッスンは入力とビュー、そして内容を順に説明するパネルを開きます</translation>
    </message>
    <message>
        <source>Lesson &amp;Pane</source>
        <translation>レッスンパネル(&amp;P)</translation>
    </message>
    <message>
        <source>Open lesson</source>
        <translation>レッスンを開く</translation>
    </message>
    <message>
        <source>Exact exp</source>
        <translation>厳密な exp</translation>
    </message>
</context>
<context>
    <name>attnlab::app::LessonEditor</name>
    <message>
        <source>Lesson</source>
        <translation>レッスン</translation>
    </message>
    <message>
        <source>Lower-case words joined by hyphens, &quot;cat-on-mat&quot;: the name of the lesson&apos;s file and of --lesson ID</source>
        <translation>ハイフンでつないだ小文字の単語（&quot;cat-on-mat&quot;）：レッスンのファイル名と --lesson ID の名前</translation>
    </message>
    <message>
        <source>The languages every text is written in, separated by commas (en, ja, fa); the first is the fallback</source>
        <translation>すべてのテキストを書く言語（カンマ区切り、en, ja, fa）。最初の言語が代替に使われます</translation>
    </message>
    <message>
        <source>The language whose texts the fields below show and edit</source>
        <translation>下の欄で表示・編集するテキストの言語</translation>
    </message>
    <message>
        <source>Use the Window&apos;s Input</source>
        <translation>ウィンドウの入力を使う</translation>
    </message>
    <message>
        <source>The lesson&apos;s input and first view become the main window&apos;s current ones</source>
        <translation>レッスンの入力と最初のビューを、メインウィンドウの現在のものにします</translation>
    </message>
    <message>
        <source>Id:</source>
        <translation>ID:</translation>
    </message>
    <message>
        <source>Languages:</source>
        <translation>言語:</translation>
    </message>
    <message>
        <source>Writing in:</source>
        <translation>編集中の言語:</translation>
    </message>
    <message>
        <source>Title:</source>
        <translation>タイトル:</translation>
    </message>
    <message>
        <source>Summary:</source>
        <translation>概要:</translation>
    </message>
    <message>
        <source>Input:</source>
        <translation>入力:</translation>
    </message>
    <message>
        <source>Steps</source>
        <translation>ステップ</translation>
    </message>
    <message>
        <source>&amp;Record Step</source>
        <translation>ステップを記録(&amp;R)</translation>
    </message>
    <message>
        <source>Add a step that shows the main window&apos;s view, layer, head, query and stage as they are now</source>
        <translation>メインウィンドウの現在のビュー・層・ヘッド・クエリ・段階を表示するステップを追加します</translation>
    </message>
    <message>
        <source>Move &amp;Up</source>
        <translation>上へ(&amp;U)</translation>
    </message>
    <message>
        <source>Move &amp;Down</source>
        <translation>下へ(&amp;D)</translation>
    </message>
    <message>
        <source>De&amp;lete</source>
        <translation>削除(&amp;L)</translation>
    </message>
    <message>
        <source>The step&apos;s paragraph; with a question, the explanation shown once it is answered</source>
        <translation>ステップの段落。問題があるときは、答えた後に表示される解説です</translation>
    </message>
    <message>
        <source>Presenter notes: shown on the lecturer&apos;s screen only</source>
        <translation>発表者ノート：講師の画面にだけ表示されます</translation>
    </message>
    <message>
        <source>Figure:</source>
        <translation>図:</translation>
    </message>
    <message>
        <source>Text:</source>
        <translation>本文:</translation>
    </message>
    <message>
        <source>Notes:</source>
        <translation>ノート:</translation>
    </message>
    <message>
        <source>Question</source>
        <translation>問題</translation>
    </message>
    <message>
        <source>None</source>
        <translation>なし</translation>
    </message>
    <message>
        <source>Which key does the query attend to most?</source>
        <translation>クエリが最も注目するキーはどれ？</translation>
    </message>
    <message>
        <source>Which head links the query to a key?</source>
        <translation>クエリとキーを結ぶヘッドはどれ？</translation>
    </message>
    <message>
        <source>A number</source>
        <translation>数値</translation>
    </message>
    <message>
        <source>One of several options</source>
        <translation>選択肢から一つ</translation>
    </message>
    <message>
        <source>The key token: its position (3) or its text (animal)</source>
        <translation>キーのトークン：位置（3）またはテキスト（animal）</translation>
    </message>
    <message>
        <source>A number or an expression (9/26, √2/2), or a row separated by commas (11, 5/2)</source>
        <translation>数値または式（9/26、√2/2）、あるいはカンマ区切りの行（11, 5/2）</translation>
    </message>
    <message>
        <source>The largest difference from each entry that is still right; empty for 0.005, 0 for exactly</source>
        <translation>各要素で正解とみなす最大の差。空欄なら 0.005、0 なら完全一致</translation>
    </message>
    <message>
        <source>One option per line</source>
        <translation>1 行に 1 つの選択肢</translation>
    </message>
    <message>
        <source>Kind:</source>
        <translation>種類:</translation>
    </message>
    <message>
        <source>Prompt:</source>
        <translation>問い:</translation>
    </message>
    <message>
        <source>Key:</source>
        <translation>キー:</translation>
    </message>
    <message>
        <source>Answer:</source>
        <translation>答え:</translation>
    </message>
    <message>
        <source>Tolerance:</source>
        <translation>許容誤差:</translation>
    </message>
    <message>
        <source>Options:</source>
        <translation>選択肢:</translation>
    </message>
    <message>
        <source>Right option:</source>
        <translation>正解の選択肢:</translation>
    </message>
    <message>
        <source>Problems</source>
        <translation>問題点</translation>
    </message>
    <message>
        <source>Save &amp;Anyway</source>
        <translation>このまま保存(&amp;A)</translation>
    </message>
    <message>
        <source>Change the Id</source>
        <translation>ID の変更</translation>
    </message>
    <message>
        <source>Change the Languages</source>
        <translation>言語の変更</translation>
    </message>
    <message>
        <source>Change the Title</source>
        <translation>タイトルの変更</translation>
    </message>
    <message>
        <source>Change the Summary</source>
        <translation>概要の変更</translation>
    </message>
    <message>
        <source>Move the Step Up</source>
        <translation>ステップを上へ移動</translation>
    </message>
    <message>
        <source>Move the Step Down</source>
        <translation>ステップを下へ移動</translation>
    </message>
    <message>
        <source>Delete the Step</source>
        <translation>ステップの削除</translation>
    </message>
    <message>
        <source>Write the Step&apos;s Text</source>
        <translation>ステップの本文を書く</translation>
    </message>
    <message>
        <source>Write the Presenter Notes</source>
        <translation>発表者ノートを書く</translation>
    </message>
    <message>
        <source>Change the Question</source>
        <translation>問題の変更</translation>
    </message>
    <message>
        <source>&amp;Lesson</source>
        <translation>レッスン(&amp;L)</translation>
    </message>
    <message>
        <source>&amp;New</source>
        <translation>新規(&amp;N)</translation>
    </message>
    <message>
        <source>A new lesson on the main window&apos;s input</source>
        <translation>メインウィンドウの入力で新しいレッスンを作ります</translation>
    </message>
    <message>
        <source>&amp;Open…</source>
        <translation>開く(&amp;O)…</translation>
    </message>
    <message>
        <source>Open Lesson</source>
        <translation>レッスンを開く</translation>
    </message>
    <message>
        <source>Lessons (*.attnlab-lesson *.json);;All files (*)</source>
        <translation>レッスン (*.attnlab-lesson *.json);;すべてのファイル (*)</translation>
    </message>
    <message>
        <source>&amp;Save</source>
        <translation>保存(&amp;S)</translation>
    </message>
    <message>
        <source>Save &amp;As…</source>
        <translation>名前を付けて保存(&amp;A)…</translation>
    </message>
    <message>
        <source>&amp;Preview</source>
        <translation>プレビュー(&amp;P)</translation>
    </message>
    <message>
        <source>Open this lesson in the main window, as it will be shown</source>
        <translation>このレッスンを、表示されるとおりにメインウィンドウで開きます</translation>
    </message>
    <message>
        <source>&amp;Check</source>
        <translation>チェック(&amp;C)</translation>
    </message>
    <message>
        <source>List every problem saving would find</source>
        <translation>保存時に見つかる問題点をすべて一覧にします</translation>
    </message>
    <message>
        <source>&amp;Close</source>
        <translation>閉じる(&amp;C)</translation>
    </message>
    <message>
        <source>&amp;Edit</source>
        <translation>編集(&amp;E)</translation>
    </message>
    <message>
        <source>&amp;Undo</source>
        <translation>元に戻す(&amp;U)</translation>
    </message>
    <message>
        <source>&amp;Redo</source>
        <translation>やり直す(&amp;R)</translation>
    </message>
    <message>
        <source>Matrices (%1), opening in %2</source>
        <translation>行列（%1）、%2 で開始</translation>
    </message>
    <message>
        <source>“%1” through %2, opening in %3</source>
        <translation>「%1」を %2 で計算、%3 で開始</translation>
    </message>
    <message>
        <source>layer %1</source>
        <translation>層 %1</translation>
    </message>
    <message>
        <source>head %1</source>
        <translation>ヘッド %1</translation>
    </message>
    <message>
        <source>query “%1”</source>
        <translation>クエリ「%1」</translation>
    </message>
    <message>
        <source>stage %1</source>
        <translation>段階 %1</translation>
    </message>
    <message>
        <source>(no text yet)</source>
        <translation>（本文はまだありません）</translation>
    </message>
    <message>
        <source>the figure as the step before leaves it</source>
        <translation>図は前のステップのまま</translation>
    </message>
    <message>
        <source>asks a question</source>
        <translation>問題あり</translation>
    </message>
    <message>
        <source>Step %1 of %2</source>
        <translation>ステップ %1 / %2</translation>
    </message>
    <message>
        <source>Step</source>
        <translation>ステップ</translation>
    </message>
    <message>
        <source>Record a step: set up the main window&apos;s view and selection, then press Record Step.</source>
        <translation>ステップを記録するには、メインウィンドウのビューと選択を整えてから「ステップを記録」を押します。</translation>
    </message>
    <message>
        <source>%1[*] — Lesson Editor</source>
        <translation>%1[*] — レッスンエディタ</translation>
    </message>
    <message>
        <source>Cannot read %1: %2</source>
        <translation>%1 を読めません: %2</translation>
    </message>
    <message>
        <source>Record a Step</source>
        <translation>ステップの記録</translation>
    </message>
    <message>
        <source>No problems: the lesson is ready to save.</source>
        <translation>問題点はありません。レッスンを保存できます。</translation>
    </message>
    <message>
        <source>The lesson was not saved: correct the problems below, or save it as it is.</source>
        <translation>レッスンは保存されていません。下の問題点を直すか、このまま保存してください。</translation>
    </message>
    <message>
        <source>What saving would find:</source>
        <translation>保存時に見つかる問題点:</translation>
    </message>
    <message>
        <source>Save Lesson</source>
        <translation>レッスンの保存</translation>
    </message>
    <message>
        <source>Lessons (*.attnlab-lesson);;All files (*)</source>
        <translation>レッスン (*.attnlab-lesson);;すべてのファイル (*)</translation>
    </message>
    <message>
        <source>Saved %1</source>
        <translation>%1 に保存しました</translation>
    </message>
    <message>
        <source>The lesson is open in the main window.</source>
        <translation>レッスンをメインウィンドウで開きました。</translation>
    </message>
    <message>
        <source>Lesson Editor</source>
        <translation>レッスンエディタ</translation>
    </message>
    <message>
        <source>The lesson “%1” has changes that are not saved.</source>
        <translation>レッスン「%1」には保存されていない変更があります。</translation>
    </message>
</context>
<context>
    <name>attnlab::app::LessonPanel</name>
    <message>
        <source>◀ &amp;Previous</source>
        <translation>◀ 前へ(&amp;P)</translation>
    </message>
    <message>
        <source>The previous step of the lesson (Alt+P)</source>
        <translation>レッスンの前のステップ (Alt+P)</translation>
    </message>
    <message>
        <source>&amp;Next ▶</source>
        <translation>次へ(&amp;N) ▶</translation>
    </message>
    <message>
        <source>The next step of the lesson (Alt+N)</source>
        <translation>レッスンの次のステップ (Alt+N)</translation>
    </message>
    <message>
        <source>No lesson open: Help ▸ Lessons…</source>
        <translation>開いているレッスンはありません: ヘルプ ▸ レッスン…</translation>
    </message>
    <message>
        <source>Step %1 of %2</source>
        <translation>ステップ %1/%2</translation>
    </message>
    <message>
        <source>T&amp;rain This Model…</source>
        <translation>このモデルを学習(&amp;R)…</translation>
    </message>
    <message>
        <source>Open the Train window (Tools ▸ Train a Model…) set to this lesson&apos;s task and model size (Alt+R)</source>
        <translation>このレッスンのタスクとモデルの大きさを設定して学習ウィンドウ（ツール ▸ モデルを学習…）を開きます (Alt+R)</translation>
    </message>
    <message>
        <source>Score: %1 of %2</source>
        <translation>得点：%2 問中 %1 問</translation>
    </message>
</context>
<context>
    <name>attnlab::app::LessonQuestionBox</name>
    <message>
        <source>layer %1, head %2</source>
        <translation>層 %1・ヘッド %2</translation>
    </message>
    <message>
        <source>Right</source>
        <translation>正解</translation>
    </message>
    <message>
        <source>Not quite: the answer is %1</source>
        <translation>惜しい：答えは %1 です</translation>
    </message>
    <message>
        <source>The answer is %1</source>
        <translation>答えは %1 です</translation>
    </message>
    <message>
        <source>a number, a fraction such as 3/7, or a row such as 3, 7/2</source>
        <translation>数、3/7 のような分数、または 3, 7/2 のような行</translation>
    </message>
    <message>
        <source>&amp;Check</source>
        <translation>確認(&amp;C)</translation>
    </message>
    <message>
        <source>Check your answer (Return)</source>
        <translation>答えを確認します（Return）</translation>
    </message>
    <message>
        <source>Reve&amp;al</source>
        <translation>答えを表示(&amp;A)</translation>
    </message>
    <message>
        <source>Show the answer without grading: for the lecturer</source>
        <translation>採点せずに答えを表示します（講師用）</translation>
    </message>
    <message>
        <source>Click the key in the figure: a column of the heatmap or a token of the arcs.</source>
        <translation>図の中のキーをクリックしてください：ヒートマップの列、またはアークのトークンです。</translation>
    </message>
    <message>
        <source>Click the head in the figure.</source>
        <translation>図の中のヘッドをクリックしてください。</translation>
    </message>
    <message>
        <source>Type your answer and press Check.</source>
        <translation>答えを入力して「確認」を押してください。</translation>
    </message>
    <message>
        <source>Choose one and press Check.</source>
        <translation>1つ選んで「確認」を押してください。</translation>
    </message>
    <message>
        <source>Choose an option first.</source>
        <translation>先に選択肢を1つ選んでください。</translation>
    </message>
</context>
<context>
    <name>attnlab::app::MainWindow</name>
    <message>
        <source>Input</source>
        <translation>入力</translation>
    </message>
    <message>
        <source>Model</source>
        <translation>モデル</translation>
    </message>
    <message>
        <source>Cancel</source>
        <translation>キャンセル</translation>
    </message>
    <message>
        <source>Stop waiting for this model and keep the current one</source>
        <translation>このモデルの読み込みを待たず、現在のモデルを使い続けます</translation>
    </message>
    <message>
        <source>Load</source>
        <translation>読み込み</translation>
    </message>
    <message>
        <source>Typing</source>
        <translation>入力</translation>
    </message>
    <message>
        <source>Edit input</source>
        <translation>入力の編集</translation>
    </message>
    <message>
        <source>Change settings</source>
        <translation>設定の変更</translation>
    </message>
    <message>
        <source>Cannot open the model</source>
        <translation>モデルを開けません</translation>
    </message>
    <message>
        <source>Loading %1…</source>
        <translation>%1 を読み込み中…</translation>
    </message>
    <message>
        <source>Figure copied to the clipboard</source>
        <translation>図をクリップボードにコピーしました</translation>
    </message>
    <message>
        <source>&amp;File</source>
        <translation>ファイル(&amp;F)</translation>
    </message>
    <message>
        <source>Open &amp;Model…</source>
        <translation>モデルを開く(&amp;M)…</translation>
    </message>
    <message>
        <source>Load a Hugging Face model folder (config.json + model.safetensors) or a llama2.c .bin</source>
        <translation>Hugging Face のモデルフォルダ (config.json + model.safetensors) か llama2.c の .bin を読み込みます</translation>
    </message>
    <message>
        <source>&amp;Export Figure…</source>
        <translation>図を書き出す(&amp;E)…</translation>
    </message>
    <message>
        <source>Export &amp;Matrices…</source>
        <translation>行列を書き出す(&amp;M)…</translation>
    </message>
    <message>
        <source>Load the &amp;Exam Problem</source>
        <translation>試験問題を読み込む(&amp;E)</translation>
    </message>
    <message>
        <source>&amp;Quit</source>
        <translation>終了(&amp;Q)</translation>
    </message>
    <message>
        <source>&amp;Edit</source>
        <translation>編集(&amp;E)</translation>
    </message>
    <message>
        <source>&amp;Undo</source>
        <translation>元に戻す(&amp;U)</translation>
    </message>
    <message>
        <source>&amp;Redo</source>
        <translation>やり直す(&amp;R)</translation>
    </message>
    <message>
        <source>&amp;Copy Figure</source>
        <translation>図をコピー(&amp;C)</translation>
    </message>
    <message>
        <source>Edit the &amp;Sentence</source>
        <translation>文を編集(&amp;S)</translation>
    </message>
    <message>
        <source>&amp;View</source>
        <translation>表示(&amp;V)</translation>
    </message>
    <message>
        <source>&amp;Dark Theme</source>
        <translation>ダークテーマ(&amp;D)</translation>
    </message>
    <message>
        <source>&amp;Presentation Mode</source>
        <translation>プレゼンテーションモード(&amp;P)</translation>
    </message>
    <message>
        <source>&amp;Colour Map</source>
        <translation>カラーマップ(&amp;C)</translation>
    </message>
    <message>
        <source>&amp;Full Screen</source>
        <translation>全画面表示(&amp;F)</translation>
    </message>
    <message>
        <source>&amp;Navigate</source>
        <translation>移動(&amp;N)</translation>
    </message>
    <message>
        <source>Next Head</source>
        <translation>次のヘッド</translation>
    </message>
    <message>
        <source>Previous Head</source>
        <translation>前のヘッド</translation>
    </message>
    <message>
        <source>Next Layer</source>
        <translation>次の層</translation>
    </message>
    <message>
        <source>Previous Layer</source>
        <translation>前の層</translation>
    </message>
    <message>
        <source>Next Query Token</source>
        <translation>次のクエリトークン</translation>
    </message>
    <message>
        <source>Previous Query Token</source>
        <translation>前のクエリトークン</translation>
    </message>
    <message>
        <source>&amp;Help</source>
        <translation>ヘルプ(&amp;H)</translation>
    </message>
    <message>
        <source>&amp;About AttnLab</source>
        <translation>AttnLab について(&amp;A)</translation>
    </message>
    <message>
        <source>About AttnLab</source>
        <translation>AttnLab について</translation>
    </message>
    <message>
        <source>&lt;b&gt;AttnLab&lt;/b&gt; %1&lt;p&gt;See how transformer attention works: QKᵀ → ÷√d_k → mask → softmax → ×V, exactly, per head and per layer.&lt;/p&gt;</source>
        <translation>&lt;b&gt;AttnLab&lt;/b&gt; %1&lt;p&gt;Transformer の注意の仕組みを、QKᵀ → ÷√d_k → マスク → ソフトマックス → ×V の順に、ヘッドごと・層ごとに厳密な値で見られます。&lt;/p&gt;</translation>
    </message>
    <message>
        <source>&amp;Download Model…</source>
        <translation>モデルをダウンロード(&amp;D)…</translation>
    </message>
    <message>
        <source>⚠ The current input did not run (the status bar says why): the views show the previous input&apos;s result, dimmed.</source>
        <translation>⚠ 現在の入力は計算できませんでした（理由はステータスバーにあります）。ビューには前の入力の結果を薄く表示しています。</translation>
    </message>
    <message>
        <source>Open session</source>
        <translation>セッションを開く</translation>
    </message>
    <message>
        <source>Fetch a known model (GPT-2, BERT, DistilBERT, RoBERTa, Pythia, SmolLM2, Qwen2.5, Llama 3.2, Gemma 3) or a Hub repository into the Hugging Face cache</source>
        <translation>既知のモデル（GPT-2、BERT、DistilBERT、RoBERTa、Pythia、SmolLM2、Qwen2.5、Llama 3.2、Gemma 3）または Hub のリポジトリを Hugging Face のキャッシュに取得</translation>
    </message>
    <message>
        <source>layer %1 of %2</source>
        <translation>層 %1 / %2</translation>
    </message>
    <message>
        <source>all heads</source>
        <translation>全ヘッド</translation>
    </message>
    <message>
        <source>head %1 of %2</source>
        <translation>ヘッド %1 / %2</translation>
    </message>
    <message>
        <source>query “%1”</source>
        <translation>クエリ「%1」</translation>
    </message>
    <message>
        <source>The figure fills the window with large fonts and thick lines, for a projector (F5; Esc leaves)</source>
        <translation>図をウィンドウいっぱいに大きな文字と太い線で表示します。プロジェクター向けです（F5、Esc で終了します）</translation>
    </message>
    <message>
        <source>Lesson &amp;Caption in Presentation</source>
        <translation>プレゼンテーション中にレッスンの説明を表示(&amp;C)</translation>
    </message>
    <message>
        <source>Show the lesson&apos;s current paragraph under the figure in presentation mode</source>
        <translation>プレゼンテーションモードで、レッスンの現在の段落を図の下に表示します</translation>
    </message>
    <message>
        <source>Next Lesson Paragraph</source>
        <translation>レッスンの次の段落</translation>
    </message>
    <message>
        <source>Previous Lesson Paragraph</source>
        <translation>レッスンの前の段落</translation>
    </message>
    <message>
        <source>&amp;Keyboard Shortcuts</source>
        <translation>キーボードショートカット(&amp;K)</translation>
    </message>
    <message>
        <source>Every key of the window on one sheet, to print or save as PDF</source>
        <translation>ウィンドウのすべてのキーを 1 枚にまとめます。印刷や PDF 保存ができます</translation>
    </message>
    <message>
        <source>Add a &amp;Folder of Models…</source>
        <translation>モデルのフォルダを追加(&amp;F)…</translation>
    </message>
    <message>
        <source>List every model in a folder (a course&apos;s models folder) in the model list</source>
        <translation>フォルダ内のすべてのモデル（講義のモデルフォルダなど）をモデル一覧に表示します</translation>
    </message>
    <message>
        <source>Add a Folder of Models</source>
        <translation>モデルのフォルダを追加</translation>
    </message>
    <message>
        <source>No models in this folder</source>
        <translation>このフォルダにモデルがありません</translation>
    </message>
    <message>
        <source>%1 holds no model AttnLab can open: a model is a folder with config.json and model.safetensors, or a llama2.c .bin.</source>
        <translation>%1 には AttnLab で開けるモデルがありません。モデルは config.json と model.safetensors のあるフォルダ、または llama2.c の .bin です。</translation>
    </message>
    <message>
        <source>Added to the model list from %1: %2</source>
        <translation>%1 からモデル一覧に追加しました: %2</translation>
    </message>
    <message>
        <source>Colour &amp;Scale</source>
        <translation>カラースケール(&amp;S)</translation>
    </message>
    <message>
        <source>&amp;Fixed (0–1)</source>
        <translation>固定 (0–1)(&amp;F)</translation>
    </message>
    <message>
        <source>To the Matrix &amp;Maximum</source>
        <translation>行列の最大値に合わせる(&amp;M)</translation>
    </message>
    <message>
        <source>&amp;Logarithmic (0.001–1)</source>
        <translation>対数 (0.001–1)(&amp;L)</translation>
    </message>
    <message>
        <source>&amp;Tools</source>
        <translation>ツール(&amp;T)</translation>
    </message>
    <message>
        <source>&amp;Train a Model…</source>
        <translation>モデルを学習(&amp;T)…</translation>
    </message>
    <message>
        <source>Train a small transformer on a task and watch its attention heads form</source>
        <translation>小さなトランスフォーマーをタスクで学習させ、注意ヘッドができていく様子を見ます</translation>
    </message>
    <message>
        <source>Switch Head %1 Back On</source>
        <translation>ヘッド %1 を元に戻す</translation>
    </message>
    <message>
        <source>Switch Head %1 Off</source>
        <translation>ヘッド %1 を切る</translation>
    </message>
    <message>
        <source>Switch the MLP of Layer %1 Back On</source>
        <translation>層 %1 の MLP を元に戻す</translation>
    </message>
    <message>
        <source>Switch the MLP of Layer %1 Off</source>
        <translation>層 %1 の MLP を切る</translation>
    </message>
    <message>
        <source>Switch All Back On</source>
        <translation>すべて元に戻す</translation>
    </message>
    <message>
        <source>Change How Parts Are Switched Off</source>
        <translation>切り方を変更</translation>
    </message>
    <message>
        <source>A&amp;blation</source>
        <translation>切除(&amp;B)</translation>
    </message>
    <message>
        <source>Switch the head shown off, or back on: the model runs without it</source>
        <translation>表示中のヘッドを切る、または元に戻す: モデルはそのヘッドなしで計算し直します</translation>
    </message>
    <message>
        <source>Set Their Output to &amp;Zero</source>
        <translation>出力を 0 にする(&amp;Z)</translation>
    </message>
    <message>
        <source>Replace Their Output by Its &amp;Mean over the Input</source>
        <translation>出力を入力全体での平均に置き換える(&amp;M)</translation>
    </message>
    <message>
        <source>Switch All Back &amp;On</source>
        <translation>すべて元に戻す(&amp;O)</translation>
    </message>
    <message>
        <source>Switch the Shown Head Off (choose one head)</source>
        <translation>表示中のヘッドを切る（ヘッドを一つ選んでください）</translation>
    </message>
    <message>
        <source>Head %1 Is Off</source>
        <translation>ヘッド %1 は切っています</translation>
    </message>
    <message>
        <source>The MLP of Layer %1 Is Off</source>
        <translation>層 %1 の MLP は切っています</translation>
    </message>
    <message>
        <source>Compare</source>
        <translation>比較</translation>
    </message>
    <message>
        <source>Save the current view (or the comparison) as PNG, SVG or PDF</source>
        <translation>現在のビュー（または比較）を PNG、SVG、PDF で保存</translation>
    </message>
    <message>
        <source>Open &amp;Lesson…</source>
        <translation>レッスンを開く(&amp;L)…</translation>
    </message>
    <message>
        <source>Open Lesson</source>
        <translation>レッスンを開く</translation>
    </message>
    <message>
        <source>Lessons (*.attnlab-lesson *.json);;All files (*)</source>
        <translation>レッスン (*.attnlab-lesson *.json);;すべてのファイル (*)</translation>
    </message>
    <message>
        <source>Open a lesson file (.attnlab-lesson) and start it; docs/LESSONS.md describes the format</source>
        <translation>レッスンファイル（.attnlab-lesson）を開いて始めます。形式は docs/LESSONS.md に説明があります</translation>
    </message>
    <message>
        <source>Presenter &amp;Notes</source>
        <translation>発表者ノート(&amp;N)</translation>
    </message>
    <message>
        <source>The lesson&apos;s presenter notes, for your eyes only: a window on the other screen, or while presenting on one screen a strip over the figure (Ctrl+Alt+N shows and hides it)</source>
        <translation>レッスンの発表者ノート（講師だけに見えるもの）：もう一方の画面のウィンドウ、または1画面で発表中は図の上の帯（Ctrl+Alt+N で表示・非表示）</translation>
    </message>
    <message>
        <source>Lesson &amp;Editor…</source>
        <translation>レッスンエディタ(&amp;E)…</translation>
    </message>
    <message>
        <source>Write a lesson: record the window&apos;s input, view and selection as steps, write their texts and questions, save a .attnlab-lesson file</source>
        <translation>レッスンを書く：ウィンドウの入力・ビュー・選択をステップとして記録し、本文と問題を書いて .attnlab-lesson ファイルに保存します</translation>
    </message>
</context>
<context>
    <name>attnlab::app::ModelFileDialog</name>
    <message>
        <source>Open Model</source>
        <translation>モデルを開く</translation>
    </message>
    <message>
        <source>Models (config.json model.safetensors model.safetensors.index.json *.bin)</source>
        <translation>モデル (config.json model.safetensors model.safetensors.index.json *.bin)</translation>
    </message>
    <message>
        <source>All files (*)</source>
        <translation>すべてのファイル (*)</translation>
    </message>
    <message>
        <source>Model folder or file:</source>
        <translation>モデルのフォルダまたはファイル:</translation>
    </message>
    <message>
        <source>Not a model</source>
        <translation>モデルではありません</translation>
    </message>
    <message>
        <source>%1 is not a model AttnLab can open: choose a folder with config.json and model.safetensors (or a file in it), or a llama2.c .bin.</source>
        <translation>%1 は AttnLab で開けるモデルではありません。config.json と model.safetensors のあるフォルダ（またはその中のファイル）か、llama2.c の .bin を選んでください。</translation>
    </message>
</context>
<context>
    <name>attnlab::app::ModelInfoPanel</name>
    <message>
        <source>%1 (%2 key/value heads, grouped)</source>
        <translation>%1（キー/バリューのヘッド %2 個、グループ化）</translation>
    </message>
    <message>
        <source>Model</source>
        <translation>モデル</translation>
    </message>
    <message>
        <source>Architecture</source>
        <translation>アーキテクチャ</translation>
    </message>
    <message>
        <source>Layers</source>
        <translation>層数</translation>
    </message>
    <message>
        <source>Heads</source>
        <translation>ヘッド数</translation>
    </message>
    <message>
        <source>Width d_model</source>
        <translation>幅 d_model</translation>
    </message>
    <message>
        <source>%1 (d_k = %2 per head)</source>
        <translation>%1（ヘッドあたり d_k = %2）</translation>
    </message>
    <message>
        <source>FFN width d_ff</source>
        <translation>FFN の幅 d_ff</translation>
    </message>
    <message>
        <source>Vocabulary</source>
        <translation>語彙数</translation>
    </message>
    <message>
        <source>Context</source>
        <translation>コンテキスト長</translation>
    </message>
    <message>
        <source>%1 tokens</source>
        <translation>%1 トークン</translation>
    </message>
    <message>
        <source>Parameters</source>
        <translation>パラメータ数</translation>
    </message>
    <message>
        <source>Memory</source>
        <translation>メモリ</translation>
    </message>
    <message>
        <source>%1 (float32)</source>
        <translation>%1 (float32)</translation>
    </message>
    <message>
        <source>Folder</source>
        <translation>フォルダ</translation>
    </message>
    <message>
        <source>Tokenizer</source>
        <translation>トークナイザ</translation>
    </message>
    <message>
        <source>GPT-2 (decoder)</source>
        <translation>GPT-2（デコーダ）</translation>
    </message>
    <message>
        <source>BERT (encoder)</source>
        <translation>BERT（エンコーダ）</translation>
    </message>
    <message>
        <source>Llama (decoder)</source>
        <translation>Llama（デコーダ）</translation>
    </message>
    <message>
        <source>pre-norm LayerNorm, GELU</source>
        <translation>Pre-norm LayerNorm、GELU</translation>
    </message>
    <message>
        <source>post-norm LayerNorm, GELU</source>
        <translation>Post-norm LayerNorm、GELU</translation>
    </message>
    <message>
        <source>pre-norm RMSNorm, SwiGLU</source>
        <translation>Pre-norm RMSNorm、SwiGLU</translation>
    </message>
    <message>
        <source>RoPE (rotated queries and keys)</source>
        <translation>RoPE（クエリとキーを回転）</translation>
    </message>
    <message>
        <source>learned, added to the embeddings</source>
        <translation>学習済み（埋め込みに加算）</translation>
    </message>
    <message>
        <source>Attention</source>
        <translation>アテンション</translation>
    </message>
    <message>
        <source>causal</source>
        <translation>因果的</translation>
    </message>
    <message>
        <source>bidirectional</source>
        <translation>双方向</translation>
    </message>
    <message>
        <source>Positions</source>
        <translation>位置</translation>
    </message>
    <message>
        <source>Block</source>
        <translation>ブロック</translation>
    </message>
    <message>
        <source>Toy model (untrained)</source>
        <translation>toy モデル（未学習）</translation>
    </message>
    <message>
        <source>Typed matrices: one attention layer</source>
        <translation>入力した行列：アテンション層 1 つ</translation>
    </message>
    <message>
        <source>Mistral (decoder)</source>
        <translation>Mistral（デコーダ）</translation>
    </message>
    <message>
        <source>Qwen2 (decoder)</source>
        <translation>Qwen2（デコーダ）</translation>
    </message>
    <message>
        <source>Qwen3 (decoder)</source>
        <translation>Qwen3（デコーダ）</translation>
    </message>
    <message>
        <source>Gemma 3 (decoder)</source>
        <translation>Gemma 3（デコーダ）</translation>
    </message>
    <message>
        <source>q/k/v biases</source>
        <translation>q/k/v のバイアス</translation>
    </message>
    <message>
        <source>output bias</source>
        <translation>出力のバイアス</translation>
    </message>
    <message>
        <source>MLP biases</source>
        <translation>MLP のバイアス</translation>
    </message>
    <message>
        <source>embeddings × √d</source>
        <translation>埋め込み × √d</translation>
    </message>
    <message>
        <source>, </source>
        <translation>、</translation>
    </message>
    <message>
        <source>RoPE, base %1</source>
        <translation>RoPE、底 %1</translation>
    </message>
    <message>
        <source>; scores × 1/√%1</source>
        <translation>；スコア × 1/√%1</translation>
    </message>
    <message>
        <source>Additions</source>
        <translation>追加要素</translation>
    </message>
    <message>
        <source>RoBERTa (encoder)</source>
        <translation>RoBERTa（エンコーダ）</translation>
    </message>
    <message>
        <source>DistilBERT (encoder)</source>
        <translation>DistilBERT（エンコーダ）</translation>
    </message>
    <message>
        <source>GPT-NeoX (decoder)</source>
        <translation>GPT-NeoX（デコーダ）</translation>
    </message>
    <message>
        <source>RMSNorm before and after, GeGLU</source>
        <translation>前後に RMSNorm、GeGLU</translation>
    </message>
    <message>
        <source>q/k norms</source>
        <translation>q/k の正規化</translation>
    </message>
    <message>
        <source>parallel residual</source>
        <translation>並列残差</translation>
    </message>
    <message>
        <source>, %1 of %2 features</source>
        <translation>、%2 特徴量中 %1</translation>
    </message>
    <message>
        <source>, llama3 ×%1</source>
        <translation>、llama3 ×%1</translation>
    </message>
    <message>
        <source>, linear ×%1</source>
        <translation>、線形 ×%1</translation>
    </message>
    <message>
        <source>Sliding window</source>
        <translation>スライディングウィンドウ</translation>
    </message>
    <message>
        <source>%1 tokens, every layer</source>
        <translation>%1 トークン、全層</translation>
    </message>
    <message>
        <source>%1 tokens, %2 of %3 layers</source>
        <translation>%1 トークン、%3 層中 %2 層</translation>
    </message>
    <message>
        <source>Sliding layers&apos; RoPE</source>
        <translation>スライディング層の RoPE</translation>
    </message>
    <message>
        <source>base %1</source>
        <translation>底 %1</translation>
    </message>
    <message>
        <source>%1 (one key/value head, shared)</source>
        <translation>%1（キー/バリューヘッド 1 個を共有）</translation>
    </message>
    <message>
        <source>%1 (16-bit as stored; float32 a layer at a time)</source>
        <translation>%1（保存された 16 ビットのまま。float32 へは 1 層ずつ変換）</translation>
    </message>
</context>
<context>
    <name>attnlab::app::OrthogonalInputsExtra</name>
    <message>
        <source>The norm c = ‖x_n‖ of every input</source>
        <translation>各入力のノルム c = ‖x_n‖</translation>
    </message>
    <message>
        <source>Norm c</source>
        <translation>ノルム c</translation>
    </message>
    <message>
        <source>norm c = ‖xₙ‖</source>
        <translation>ノルム c = ‖xₙ‖</translation>
    </message>
    <message>
        <source>max ‖yₙ − xₙ‖</source>
        <translation>max ‖yₙ − xₙ‖</translation>
    </message>
    <message>
        <source>At c = %1 every output moves at most &lt;b&gt;%2&lt;/b&gt; from its input: the larger the norm, the more each token attends only to itself.</source>
        <translation>c = %1 では、どの出力も入力から最大 &lt;b&gt;%2&lt;/b&gt; しか動きません。ノルムが大きいほど、各トークンは自分自身だけに注意を向けます。</translation>
    </message>
</context>
<context>
    <name>attnlab::app::PresentationMode</name>
    <message>
        <source>Leave presentation (Esc)</source>
        <translation>プレゼンテーションを終了 (Esc)</translation>
    </message>
    <message>
        <source>Ctrl+1…9 views · Ctrl+←/→ heads · Ctrl+↑/↓ layers · Alt+←/→ query · ←/→ steps · Page Up/Down lesson · Ctrl+T caption · F11 full screen</source>
        <translation>Ctrl+1…9 ビュー · Ctrl+←/→ ヘッド · Ctrl+↑/↓ 層 · Alt+←/→ クエリ · ←/→ ステップ · Page Up/Down レッスン · Ctrl+T 説明 · F11 全画面</translation>
    </message>
</context>
<context>
    <name>attnlab::app::PresenterWindow</name>
    <message>
        <source>Step %1 · %2</source>
        <translation>ステップ %1 · %2</translation>
    </message>
    <message>
        <source>No notes for this step.</source>
        <translation>このステップにはノートがありません。</translation>
    </message>
    <message>
        <source>Answer: %1</source>
        <translation>答え：%1</translation>
    </message>
    <message>
        <source>Next: %1</source>
        <translation>次：%1</translation>
    </message>
    <message>
        <source>Last step.</source>
        <translation>最後のステップです。</translation>
    </message>
    <message>
        <source>No lesson is open</source>
        <translation>レッスンは開かれていません</translation>
    </message>
    <message>
        <source>Open a lesson (Help ▸ Lessons…, File ▸ Open Lesson…): its presenter notes show here.</source>
        <translation>レッスンを開くと（ヘルプ ▸ レッスン…、ファイル ▸ レッスンを開く…）、その発表者ノートがここに表示されます。</translation>
    </message>
    <message>
        <source>Presenter Notes — AttnLab</source>
        <translation>発表者ノート — AttnLab</translation>
    </message>
</context>
<context>
    <name>attnlab::app::SessionController</name>
    <message>
        <source>Cannot open the session</source>
        <translation>セッションを開けません</translation>
    </message>
    <message>
        <source>Session opened with changes</source>
        <translation>セッションを変更ありで開きました</translation>
    </message>
    <message>
        <source>Cannot save the session</source>
        <translation>セッションを保存できません</translation>
    </message>
    <message>
        <source>Saved %1</source>
        <translation>%1 を保存しました</translation>
    </message>
    <message>
        <source>/untitled.attnlab</source>
        <translation>/無題.attnlab</translation>
    </message>
    <message>
        <source>Save Session</source>
        <translation>セッションの保存</translation>
    </message>
    <message>
        <source>AttnLab sessions (*.attnlab)</source>
        <translation>AttnLab セッション (*.attnlab)</translation>
    </message>
    <message>
        <source>Open Session</source>
        <translation>セッションを開く</translation>
    </message>
    <message>
        <source>AttnLab sessions (*.attnlab);;All files (*)</source>
        <translation>AttnLab セッション (*.attnlab);;すべてのファイル (*)</translation>
    </message>
    <message>
        <source>the untitled session</source>
        <translation>無題のセッション</translation>
    </message>
    <message>
        <source>Unsaved changes</source>
        <translation>未保存の変更</translation>
    </message>
    <message>
        <source>Save the changes to %1?</source>
        <translation>%1 への変更を保存しますか？</translation>
    </message>
    <message>
        <source>Autosave failed: %1</source>
        <translation>自動保存に失敗しました: %1</translation>
    </message>
    <message>
        <source>Restore unsaved work?</source>
        <translation>保存されていない作業を復元しますか？</translation>
    </message>
    <message>
        <source>AttnLab did not close normally last time. Restore the work autosaved at %1?</source>
        <translation>前回 AttnLab は正常に終了しませんでした。%1 に自動保存された作業を復元しますか？</translation>
    </message>
    <message>
        <source>Restore</source>
        <translation>復元</translation>
    </message>
    <message>
        <source>&amp;New Session</source>
        <translation>新しいセッション(&amp;N)</translation>
    </message>
    <message>
        <source>&amp;Open Session…</source>
        <translation>セッションを開く(&amp;O)…</translation>
    </message>
    <message>
        <source>Open &amp;Recent</source>
        <translation>最近使ったセッション(&amp;R)</translation>
    </message>
    <message>
        <source>&amp;Save Session</source>
        <translation>セッションを保存(&amp;S)</translation>
    </message>
    <message>
        <source>Save Session &amp;As…</source>
        <translation>名前を付けてセッションを保存(&amp;A)…</translation>
    </message>
    <message>
        <source>Untitled</source>
        <translation>無題</translation>
    </message>
    <message>
        <source>%1[*] — AttnLab</source>
        <translation>%1[*] — AttnLab</translation>
    </message>
</context>
<context>
    <name>attnlab::app::ShapeCalculatorExtra</name>
    <message>
        <source>Batch</source>
        <translation>バッチ</translation>
    </message>
    <message>
        <source>Sequence</source>
        <translation>系列長</translation>
    </message>
    <message>
        <source>d_model</source>
        <translation>d_model</translation>
    </message>
    <message>
        <source>Heads</source>
        <translation>ヘッド数</translation>
    </message>
    <message>
        <source>d_ff</source>
        <translation>d_ff</translation>
    </message>
    <message>
        <source>Vocabulary</source>
        <translation>語彙数</translation>
    </message>
    <message>
        <source>Encoder layers</source>
        <translation>エンコーダ層数</translation>
    </message>
    <message>
        <source>Decoder layers</source>
        <translation>デコーダ層数</translation>
    </message>
    <message>
        <source>LayerNorms / enc. layer</source>
        <translation>LayerNorm 数 / エンコーダ層</translation>
    </message>
    <message>
        <source>LayerNorms / dec. layer</source>
        <translation>LayerNorm 数 / デコーダ層</translation>
    </message>
    <message>
        <source>Biases (and LayerNorm β)</source>
        <translation>バイアス（と LayerNorm の β）</translation>
    </message>
    <message>
        <source>Decoder shares the embedding</source>
        <translation>デコーダが埋め込みを共有</translation>
    </message>
    <message>
        <source>Output tied to the embedding</source>
        <translation>出力層を埋め込みと共有</translation>
    </message>
    <message>
        <source>Component</source>
        <translation>構成要素</translation>
    </message>
    <message>
        <source>Per layer</source>
        <translation>1 層あたり</translation>
    </message>
    <message>
        <source>Layers</source>
        <translation>層数</translation>
    </message>
    <message>
        <source>Parameters</source>
        <translation>パラメータ数</translation>
    </message>
    <message>
        <source>Tensors</source>
        <translation>テンソル</translation>
    </message>
    <message>
        <source>Forward-pass tensor</source>
        <translation>順伝播のテンソル</translation>
    </message>
    <message>
        <source>Shape</source>
        <translation>形</translation>
    </message>
    <message>
        <source>Numbers</source>
        <translation>要素数</translation>
    </message>
    <message>
        <source>Encoder &lt;b&gt;%1&lt;/b&gt; · decoder &lt;b&gt;%2&lt;/b&gt; · output &lt;b&gt;%3&lt;/b&gt; · total &lt;b&gt;%4&lt;/b&gt; parameters (d_k = %5)</source>
        <translation>エンコーダ &lt;b&gt;%1&lt;/b&gt; · デコーダ &lt;b&gt;%2&lt;/b&gt; · 出力 &lt;b&gt;%3&lt;/b&gt; · 合計 &lt;b&gt;%4&lt;/b&gt; パラメータ (d_k = %5)</translation>
    </message>
</context>
<context>
    <name>attnlab::app::ShortcutsDialog</name>
    <message>
        <source>AttnLab keyboard shortcuts</source>
        <translation>AttnLab のキーボードショートカット</translation>
    </message>
    <message>
        <source>No scratch folder for the PDF: %1</source>
        <translation>PDF の作業用フォルダを作れません: %1</translation>
    </message>
    <message>
        <source>The PDF could not be drawn: %1</source>
        <translation>PDF を描画できませんでした: %1</translation>
    </message>
    <message>
        <source>Keyboard Shortcuts</source>
        <translation>キーボードショートカット</translation>
    </message>
    <message>
        <source>Print…</source>
        <translation>印刷…</translation>
    </message>
    <message>
        <source>Save as PDF…</source>
        <translation>PDF として保存…</translation>
    </message>
    <message>
        <source>Save Shortcuts as PDF</source>
        <translation>ショートカットを PDF として保存</translation>
    </message>
    <message>
        <source>PDF (*.pdf)</source>
        <translation>PDF (*.pdf)</translation>
    </message>
    <message>
        <source>Cannot save the shortcuts</source>
        <translation>ショートカットを保存できません</translation>
    </message>
</context>
<context>
    <name>attnlab::app::TrainWindow</name>
    <message>
        <source>Train a Model — AttnLab</source>
        <translation>モデルを学習 — AttnLab</translation>
    </message>
    <message>
        <source>Text file…</source>
        <translation>テキストファイル…</translation>
    </message>
    <message>
        <source>Task</source>
        <translation>タスク</translation>
    </message>
    <message>
        <source>Tiny, about 10 s</source>
        <translation>極小（約 10 秒）</translation>
    </message>
    <message>
        <source>Small, about 1 min</source>
        <translation>小（約 1 分）</translation>
    </message>
    <message>
        <source>Size</source>
        <translation>大きさ</translation>
    </message>
    <message>
        <source>Attention only (no MLP)</source>
        <translation>注意のみ（MLP なし）</translation>
    </message>
    <message>
        <source>The peak learning rate. It can change while training runs.</source>
        <translation>学習率の最大値です。学習中にも変更できます。</translation>
    </message>
    <message>
        <source>Layers</source>
        <translation>層数</translation>
    </message>
    <message>
        <source>Heads</source>
        <translation>ヘッド数</translation>
    </message>
    <message>
        <source>Width (d_model)</source>
        <translation>幅 (d_model)</translation>
    </message>
    <message>
        <source>Steps</source>
        <translation>ステップ数</translation>
    </message>
    <message>
        <source>Batch</source>
        <translation>バッチ</translation>
    </message>
    <message>
        <source>Learning rate</source>
        <translation>学習率</translation>
    </message>
    <message>
        <source>Seed</source>
        <translation>シード</translation>
    </message>
    <message>
        <source>Start</source>
        <translation>開始</translation>
    </message>
    <message>
        <source>Pause</source>
        <translation>一時停止</translation>
    </message>
    <message>
        <source>Stop</source>
        <translation>停止</translation>
    </message>
    <message>
        <source>Reset</source>
        <translation>リセット</translation>
    </message>
    <message>
        <source>Open in Workspace</source>
        <translation>作業画面で開く</translation>
    </message>
    <message>
        <source>Open the current weights in the main window: every view, the predictions, the lessons</source>
        <translation>現在の重みをメインウィンドウで開きます。すべてのビュー、予測、レッスンで使えます</translation>
    </message>
    <message>
        <source>Save Model…</source>
        <translation>モデルを保存…</translation>
    </message>
    <message>
        <source>Save as a Hugging Face GPT-2 folder, which also resumes training</source>
        <translation>Hugging Face の GPT-2 フォルダとして保存します。学習の再開にも使えます</translation>
    </message>
    <message>
        <source>Loss</source>
        <translation>損失</translation>
    </message>
    <message>
        <source>cross-entropy</source>
        <translation>交差エントロピー</translation>
    </message>
    <message>
        <source>Accuracy on the answers</source>
        <translation>答えの正解率</translation>
    </message>
    <message>
        <source>accuracy</source>
        <translation>正解率</translation>
    </message>
    <message>
        <source>Head scores</source>
        <translation>ヘッドのスコア</translation>
    </message>
    <message>
        <source>score</source>
        <translation>スコア</translation>
    </message>
    <message>
        <source>Previous token</source>
        <translation>直前のトークン</translation>
    </message>
    <message>
        <source>Induction</source>
        <translation>帰納（induction）</translation>
    </message>
    <message>
        <source>First token</source>
        <translation>先頭のトークン</translation>
    </message>
    <message>
        <source>Diagonal (self)</source>
        <translation>対角（自分自身）</translation>
    </message>
    <message>
        <source>Previous token: weight on the token just before. Induction: on a random sequence repeated, weight on the token after the earlier copy of the current one. First token: weight on the first position. Diagonal: weight on the token itself.</source>
        <translation>直前のトークン: すぐ前のトークンへの重み。帰納: ランダムな列を繰り返したとき、現在のトークンの前回の出現の次のトークンへの重み。先頭のトークン: 最初の位置への重み。対角: そのトークン自身への重み。</translation>
    </message>
    <message>
        <source>Replay how the attention maps changed during training</source>
        <translation>学習中に注意マップがどう変わったかを再生します</translation>
    </message>
    <message>
        <source>Timeline</source>
        <translation>タイムライン</translation>
    </message>
    <message>
        <source>Train on a Text File</source>
        <translation>テキストファイルで学習</translation>
    </message>
    <message>
        <source>Text files (*.txt *.md);;All files (*)</source>
        <translation>テキストファイル (*.txt *.md);;すべてのファイル (*)</translation>
    </message>
    <message>
        <source>training batch</source>
        <translation>学習バッチ</translation>
    </message>
    <message>
        <source>held out</source>
        <translation>評価用（学習に不使用）</translation>
    </message>
    <message>
        <source>Resume</source>
        <translation>再開</translation>
    </message>
    <message>
        <source>%1 · step %2</source>
        <translation>%1 · ステップ %2</translation>
    </message>
    <message>
        <source>Held-out loss %1 · accuracy %2%</source>
        <translation>評価用の損失 %1 · 正解率 %2%</translation>
    </message>
    <message>
        <source>Step %1 of %2</source>
        <translation>ステップ %1 / %2</translation>
    </message>
    <message>
        <source>%1 tokens/s</source>
        <translation>毎秒 %1 トークン</translation>
    </message>
    <message>
        <source>%1 s left</source>
        <translation>残り %1 秒</translation>
    </message>
    <message>
        <source>finished</source>
        <translation>完了</translation>
    </message>
    <message>
        <source>paused</source>
        <translation>一時停止中</translation>
    </message>
    <message>
        <source>step %1 · %2 snapshots, %3</source>
        <translation>ステップ %1 · スナップショット %2 個、%3</translation>
    </message>
    <message>
        <source>L%1 H%2</source>
        <translation>L%1 H%2</translation>
    </message>
    <message>
        <source>%1: highest L%2 H%3, %4</source>
        <translation>%1: 最高は L%2 H%3、%4</translation>
    </message>
    <message>
        <source>Save the Trained Model in a Folder</source>
        <translation>学習したモデルをフォルダに保存</translation>
    </message>
    <message>
        <source>Cannot save the model</source>
        <translation>モデルを保存できません</translation>
    </message>
    <message>
        <source>Saved to %1</source>
        <translation>%1 に保存しました</translation>
    </message>
    <message>
        <source>Press Start: the attention of every layer and head on the task&apos;s example appears here, and the timeline below replays how it changed.</source>
        <translation>「開始」を押すと、タスクの例に対するすべての層とヘッドの注意がここに表示され、下のタイムラインでその変化を再生できます。</translation>
    </message>
    <message>
        <source>Train a new model with these settings (Ctrl+Return)</source>
        <translation>この設定で新しいモデルを学習します (Ctrl+Return)</translation>
    </message>
    <message>
        <source>Pause or resume training (Ctrl+Space)</source>
        <translation>学習を一時停止または再開します (Ctrl+Space)</translation>
    </message>
    <message>
        <source>Sort</source>
        <translation>並べ替え</translation>
    </message>
    <message>
        <source>Reverse</source>
        <translation>逆順</translation>
    </message>
    <message>
        <source>Modular addition</source>
        <translation>剰余加算</translation>
    </message>
    <message>
        <source>Brackets</source>
        <translation>括弧</translation>
    </message>
    <message>
        <source>Pronoun</source>
        <translation>代名詞</translation>
    </message>
    <message>
        <source>Sort: 6 letters of A, B, C, then the same letters sorted (no separator, as gpt-nano-sort); graded on the sorted 6.</source>
        <translation>並べ替え: A, B, C の 6 文字と、続けて同じ文字を並べ替えたもの（区切りなし、gpt-nano-sort と同じ形式）。並べ替えた 6 文字で採点します。</translation>
    </message>
    <message>
        <source>Reverse: 8 digits, &quot;|&quot;, the same digits in reverse order; graded on the reversed 8.</source>
        <translation>逆順: 8 個の数字、「|」、同じ数字を逆順にしたもの。逆順の 8 個で採点します。</translation>
    </message>
    <message>
        <source>Induction: a pattern of 8 to 24 distinct symbols repeated to 48 tokens; graded on the repeats (from the second symbol of the second copy), which only looking back to the symbol&apos;s previous occurrence predicts.</source>
        <translation>帰納: 異なる 8〜24 個の記号のパターンを 48 トークンまで繰り返します。繰り返し部分（2 回目の 2 番目の記号から）で採点します。これは記号の前回の出現を振り返ることでしか予測できません。</translation>
    </message>
    <message>
        <source>Modular addition: &quot;a + b =&quot; then (a + b) mod 59; graded on the answer. 20% of the pairs (a, b) are held out and never trained on.</source>
        <translation>剰余加算: 「a + b =」の後に (a + b) mod 59。答えで採点します。ペア (a, b) の 20% は評価用に取り分けられ、学習には使われません。</translation>
    </message>
    <message>
        <source>Brackets: 12 of ( and ), &quot;=&quot;, then the depth after each prefix, or x once more have closed than opened; balanced when the last answer is 0. Graded on the 12 answers.</source>
        <translation>括弧: ( と ) を 12 個、「=」、続いて各接頭辞の後の深さ（閉じた数が開いた数を超えたら x）。最後の答えが 0 なら釣り合っています。12 個の答えで採点します。</translation>
    </message>
    <message>
        <source>Pronoun: &quot;The ANIMAL didn&apos;t cross the OBSTACLE because it was too ADJECTIVE . it =&quot; then the noun &quot;it&quot; is, which the adjective decides (tired: the animal; wide: the obstacle); graded on that noun. 20% of the sentences are held out.</source>
        <translation>代名詞: 「The ANIMAL didn&apos;t cross the OBSTACLE because it was too ADJECTIVE . it =」の後に it が指す名詞。どちらの名詞かは形容詞で決まります（tired なら動物、wide なら障害物）。その名詞で採点します。文の 20% は評価用に取り分けられています。</translation>
    </message>
    <message>
        <source>%1 steps/s</source>
        <translation>毎秒 %1 ステップ</translation>
    </message>
</context>
<context>
    <name>attnlab::app::Workspace</name>
    <message>
        <source>Open model</source>
        <translation>モデルを開く</translation>
    </message>
</context>
<context>
    <name>attnlab::widgets::ArcView</name>
    <message>
        <source>Layer %1 · head %2</source>
        <translation>層 %1 · ヘッド %2</translation>
    </message>
    <message>
        <source>Layer %1</source>
        <translation>層 %1</translation>
    </message>
    <message>
        <source>untrained weights</source>
        <translation>未学習の重み</translation>
    </message>
    <message>
        <source>head %1</source>
        <translation>ヘッド %1</translation>
    </message>
    <message>
        <source>head %1: %2%</source>
        <translation>ヘッド %1: %2%</translation>
    </message>
    <message>
        <source>query</source>
        <translation>クエリ</translation>
    </message>
    <message>
        <source>key (memory)</source>
        <translation>キー（メモリ）</translation>
    </message>
    <message>
        <source>Every head is hidden</source>
        <translation>すべてのヘッドが非表示です</translation>
    </message>
    <message>
        <source>%1 · from “%2”</source>
        <translation>%1 · 「%2」から</translation>
    </message>
</context>
<context>
    <name>attnlab::widgets::ComparisonView</name>
    <message>
        <source>A has 1 token and B %1: compared on the first %2</source>
        <translation>A は 1 トークン、B は %1 トークン：最初の %2 トークンで比較</translation>
    </message>
    <message>
        <source>A has %1 tokens and B %2: compared on the first %3</source>
        <translation>A は %1 トークン、B は %2 トークン：最初の %3 トークンで比較</translation>
    </message>
    <message>
        <source>No difference A − B: %1</source>
        <translation>差 A − B はありません：%1</translation>
    </message>
    <message>
        <source>Tokens that differ: %1 and %2 more</source>
        <translation>異なるトークン：%1 ほか %2 個</translation>
    </message>
    <message>
        <source>Tokens that differ: %1</source>
        <translation>異なるトークン：%1</translation>
    </message>
    <message>
        <source>A: %1</source>
        <translation>A: %1</translation>
    </message>
    <message>
        <source>B: %1</source>
        <translation>B: %1</translation>
    </message>
    <message>
        <source>A − B</source>
        <translation>A − B</translation>
    </message>
    <message>
        <source>A − B (weight)</source>
        <translation>A − B（重み）</translation>
    </message>
</context>
<context>
    <name>attnlab::widgets::ElidedLabel</name>
    <message>
        <source>Copy</source>
        <translation>コピー</translation>
    </message>
</context>
<context>
    <name>attnlab::widgets::HeadEffectsView</name>
    <message>
        <source>No trace yet: type a sentence and choose a trained model to see which heads its prediction needs</source>
        <translation>まだトレースがありません。文を入力し、学習済みモデルを選ぶと、予測がどのヘッドを必要とするかが表示されます</translation>
    </message>
    <message>
        <source>The toy model predicts nothing (it has no output layer): choose a trained model to see which heads a prediction needs</source>
        <translation>トイモデルは何も予測しません（出力層がありません）。予測がどのヘッドを必要とするかを見るには学習済みモデルを選んでください</translation>
    </message>
    <message>
        <source>Typed matrices have no prediction to switch heads off for</source>
        <translation>入力した行列には、ヘッドを切って確かめる予測がありません</translation>
    </message>
    <message>
        <source>Switching each head off in turn…</source>
        <translation>ヘッドを一つずつ切っています…</translation>
    </message>
    <message>
        <source>No effects: %1</source>
        <translation>効果なし: %1</translation>
    </message>
    <message>
        <source>Which heads matter for “%1” (token %2)</source>
        <translation>「%1」（トークン %2）に効いているヘッド</translation>
    </message>
    <message>
        <source>the model predicts “%1” next, p = %2; each cell: the change of log p when that head alone is switched off (%3)</source>
        <translation>モデルは次に「%1」を予測（p = %2）。各セル: そのヘッドだけを切ったときの log p の変化（%3）</translation>
    </message>
    <message>
        <source>its output set to 0</source>
        <translation>出力を 0 に</translation>
    </message>
    <message>
        <source>its output replaced by its mean</source>
        <translation>出力をその平均に置換</translation>
    </message>
    <message>
        <source>the model guesses “%1” here, p = %2; each cell: the change of log p when that head alone is switched off</source>
        <translation>モデルはここで「%1」と推測（p = %2）。各セル: そのヘッドだけを切ったときの log p の変化</translation>
    </message>
    <message>
        <source>blue: the prediction needs the head · red: it does better without it</source>
        <translation>青: 予測はそのヘッドを必要とする · 赤: ないほうが良い</translation>
    </message>
    <message>
        <source>click a token to ask about it · click a cell or a row to open its head</source>
        <translation>トークンをクリックしてそのトークンについて調べる · セルか行をクリックしてヘッドを開く</translation>
    </message>
    <message>
        <source>Δ log p</source>
        <translation>Δ log p</translation>
    </message>
    <message>
        <source>Most needed</source>
        <translation>最も必要</translation>
    </message>
    <message>
        <source>Layer %1, head %2 switched off: Δ log p = %3 (p × %4)</source>
        <translation>層 %1・ヘッド %2 を切ると: Δ log p = %3（p × %4）</translation>
    </message>
    <message>
        <source>Heads or MLPs are switched off: switch them all back on (Ablation ▸ Switch All Back On) to see which heads the whole model&apos;s prediction needs</source>
        <translation>ヘッドまたは MLP を切っています: どのヘッドがモデル全体の予測に必要かを見るには、すべて元に戻してください（切除 ▸ すべて元に戻す）</translation>
    </message>
</context>
<context>
    <name>attnlab::widgets::HeadGridFigure</name>
    <message>
        <source>H%1</source>
        <translation>H%1</translation>
    </message>
    <message>
        <source>L%1</source>
        <translation>L%1</translation>
    </message>
    <message>
        <source>L%1 H%2</source>
        <translation>L%1 H%2</translation>
    </message>
</context>
<context>
    <name>attnlab::widgets::HeadRolesView</name>
    <message>
        <source>attention from each token to the token just before it, averaged over the tokens</source>
        <translation>各トークンから直前のトークンへのアテンション（トークン平均）</translation>
    </message>
    <message>
        <source>on random tokens repeated once: attention from each token of the second copy to the token after its first occurrence</source>
        <translation>一度繰り返したランダムなトークン列で：2 回目の各トークンから、その 1 回目の出現の次のトークンへのアテンション</translation>
    </message>
    <message>
        <source>attention to the first token (an attention sink), averaged over the later tokens</source>
        <translation>先頭トークンへのアテンション（アテンションシンク、2 番目以降のトークン平均）</translation>
    </message>
    <message>
        <source>attention of each token to itself</source>
        <translation>各トークンから自分自身へのアテンション</translation>
    </message>
    <message>
        <source>attention from a repeated token to its earlier occurrences</source>
        <translation>繰り返されたトークンから、それより前の同じトークンへのアテンション</translation>
    </message>
    <message>
        <source>entropy of each attention row in nats, averaged: 0 = all on one token, ln T = spread evenly</source>
        <translation>各アテンション行のエントロピー（nat、平均）：0 = 1 トークンに集中、ln T = 均等に分散</translation>
    </message>
    <message>
        <source>&amp;Score:</source>
        <translation>スコア(&amp;S):</translation>
    </message>
    <message>
        <source>previous token</source>
        <translation>直前トークン</translation>
    </message>
    <message>
        <source>induction</source>
        <translation>誘導（induction）</translation>
    </message>
    <message>
        <source>first token (attention sink)</source>
        <translation>先頭トークン（アテンションシンク）</translation>
    </message>
    <message>
        <source>self (diagonal)</source>
        <translation>自分自身（対角）</translation>
    </message>
    <message>
        <source>duplicate token</source>
        <translation>重複トークン</translation>
    </message>
    <message>
        <source>entropy</source>
        <translation>エントロピー</translation>
    </message>
    <message>
        <source>No trace yet: type a sentence to see the roles of its heads</source>
        <translation>まだトレースがありません：文を入力すると各ヘッドの役割が表示されます</translation>
    </message>
    <message>
        <source>Computing the head roles…</source>
        <translation>ヘッドの役割を計算中…</translation>
    </message>
    <message>
        <source>Head roles score self-attention heads: this input attends to a memory text (cross-attention), so it has none</source>
        <translation>ヘッドの役割は自己アテンションのヘッドを評価します。この入力はメモリ文に注目する（クロスアテンション）ため、役割はありません</translation>
    </message>
    <message>
        <source>Typed matrices have no induction score: there is no model to run repeated random tokens through. The other five scores are under Score.</source>
        <translation>入力した行列には誘導スコアがありません：繰り返したランダムなトークンを流すモデルがないためです。他の 5 つのスコアは「スコア」から選べます。</translation>
    </message>
    <message>
        <source>The induction probe could not run: %1</source>
        <translation>誘導の測定用入力を実行できませんでした：%1</translation>
    </message>
    <message>
        <source>Head roles: %1</source>
        <translation>ヘッドの役割：%1</translation>
    </message>
    <message>
        <source>%1 · %2 layers × %3 heads</source>
        <translation>%1 · %2 層 × %3 ヘッド</translation>
    </message>
    <message>
        <source>random, untrained weights: no head has learned a role</source>
        <translation>ランダムな未学習の重み：どのヘッドもまだ役割を学習していません</translation>
    </message>
    <message>
        <source>click a cell or a row to open its head</source>
        <translation>セルまたは行をクリックするとそのヘッドを開きます</translation>
    </message>
    <message>
        <source>nats</source>
        <translation>nat</translation>
    </message>
    <message>
        <source>Sharpest (lowest entropy)</source>
        <translation>最も鋭い（エントロピー最小）</translation>
    </message>
    <message>
        <source>score</source>
        <translation>スコア</translation>
    </message>
    <message>
        <source>Highest scores</source>
        <translation>スコア上位</translation>
    </message>
    <message>
        <source>Measured on %1 random tokens, then the same tokens again; not on the input.</source>
        <translation>%1 個のランダムなトークンとその繰り返しで測定（入力文ではありません）。</translation>
    </message>
    <message>
        <source>No token of the input occurs twice, so every duplicate-token score is 0.</source>
        <translation>入力に 2 回現れるトークンがないため、重複トークンのスコアはすべて 0 です。</translation>
    </message>
    <message>
        <source>Layer %1, head %2: %3 %4</source>
        <translation>層 %1、ヘッド %2：%3 %4</translation>
    </message>
</context>
<context>
    <name>attnlab::widgets::HeadView</name>
    <message>
        <source>key (memory)</source>
        <translation>キー（メモリ）</translation>
    </message>
    <message>
        <source>key</source>
        <translation>キー</translation>
    </message>
    <message>
        <source>Layer %1</source>
        <translation>層 %1</translation>
    </message>
    <message>
        <source>untrained weights</source>
        <translation>未学習の重み</translation>
    </message>
    <message>
        <source>query</source>
        <translation>クエリ</translation>
    </message>
    <message>
        <source>head %1: %2%</source>
        <translation>ヘッド %1: %2%</translation>
    </message>
    <message>
        <source>Every head is hidden: click a swatch to show it</source>
        <translation>すべてのヘッドが非表示です。色見本をクリックすると表示されます</translation>
    </message>
    <message>
        <source>Every head is hidden</source>
        <translation>すべてのヘッドが非表示です</translation>
    </message>
</context>
<context>
    <name>attnlab::widgets::HeatmapView</name>
    <message>
        <source>Heatmap</source>
        <translation>ヒートマップ</translation>
    </message>
    <message>
        <source>Layer %1 · Head %2</source>
        <translation>層 %1 · ヘッド %2</translation>
    </message>
    <message>
        <source>Layer %1 · maximum of %2 heads</source>
        <translation>層 %1 · %2 個のヘッドの最大</translation>
    </message>
    <message>
        <source>Layer %1 · average of %2 heads</source>
        <translation>層 %1 · %2 個のヘッドの平均</translation>
    </message>
    <message>
        <source>untrained weights</source>
        <translation>未学習の重み</translation>
    </message>
    <message>
        <source>No attention weights to show yet.</source>
        <translation>表示する注意の重みはまだありません。</translation>
    </message>
    <message>
        <source>query %1 %2 → key %3 %4</source>
        <translation>クエリ %1 %2 → キー %3 %4</translation>
    </message>
    <message>
        <source>q·k = %1</source>
        <translation>q·k = %1</translation>
    </message>
    <message>
        <source>scaled score = %1</source>
        <translation>スケール後のスコア = %1</translation>
    </message>
    <message>
        <source>weight = %1</source>
        <translation>重み = %1</translation>
    </message>
    <message>
        <source>maximum of heads</source>
        <translation>ヘッドの最大</translation>
    </message>
    <message>
        <source>average of heads</source>
        <translation>ヘッドの平均</translation>
    </message>
    <message>
        <source>weight = %1 (%2 %3)</source>
        <translation>重み = %1（%2 %3）</translation>
    </message>
    <message>
        <source>masked: this query may not attend this key</source>
        <translation>マスク済み: このクエリはこのキーに注意を向けられません</translation>
    </message>
    <message>
        <source>Layer %1 · Head %2 (switched off: its output is not used)</source>
        <translation>層 %1 · ヘッド %2（切っています: 出力は使われません）</translation>
    </message>
</context>
<context>
    <name>attnlab::widgets::LensView</name>
    <message>
        <source>layer %1</source>
        <translation>層 %1</translation>
    </message>
    <message>
        <source>probability (0–1)</source>
        <translation>確率 (0–1)</translation>
    </message>
    <message>
        <source>probability (0–max)</source>
        <translation>確率 (0–最大)</translation>
    </message>
    <message>
        <source>probability (log)</source>
        <translation>確率 (対数)</translation>
    </message>
    <message>
        <source>tokens 1–%1 of %2 are left out: there is no room for them</source>
        <translation>%2 個中 1–%1 番目のトークンは入りきらないため省いています</translation>
    </message>
    <message>
        <source>showing tokens %1–%2 of %3, around the selected one: there is no room for all</source>
        <translation>すべては入りきらないため、選んだトークンの周りの %3 個中 %1–%2 番目を表示しています</translation>
    </message>
    <message>
        <source>next</source>
        <translation>次</translation>
    </message>
    <message>
        <source>No trace yet: type a sentence and choose a trained model to see what each of its layers would predict</source>
        <translation>まだトレースがありません。文を入力し、学習済みモデルを選ぶと、各層が何を予測するかが表示されます</translation>
    </message>
    <message>
        <source>The toy model predicts nothing (it has no output layer): choose a trained model to see what each layer would predict</source>
        <translation>トイモデルは何も予測しません（出力層がありません）。各層が何を予測するかを見るには学習済みモデルを選んでください</translation>
    </message>
    <message>
        <source>Typed matrices have no output layer to read the layers with</source>
        <translation>入力した行列には、層を読み取るための出力層がありません</translation>
    </message>
    <message>
        <source>Reading every layer&apos;s stream with the model&apos;s output…</source>
        <translation>各層のストリームをモデルの出力層で読み取っています…</translation>
    </message>
    <message>
        <source>No logit lens: %1</source>
        <translation>ロジットレンズなし: %1</translation>
    </message>
    <message>
        <source>No logit lens: it was read for another input</source>
        <translation>ロジットレンズなし: 別の入力について読み取られたものです</translation>
    </message>
    <message>
        <source>Layer %1 of %2, token %3 “%4”</source>
        <translation>層 %1 / %2、トークン %3「%4」</translation>
    </message>
    <message>
        <source>what the model would guess here if it stopped after this layer:</source>
        <translation>この層で止めたとき、モデルがこの位置に推測するもの:</translation>
    </message>
    <message>
        <source>what the model would predict next if it stopped after this layer:</source>
        <translation>この層で止めたとき、モデルが次に予測するもの:</translation>
    </message>
    <message>
        <source>what the model would predict next (the text goes on with “%1”) if it stopped after this layer:</source>
        <translation>この層で止めたとき、モデルが次に予測するもの（文は「%1」と続きます）:</translation>
    </message>
    <message>
        <source>%1. “%2” %3</source>
        <translation>%1.「%2」 %3</translation>
    </message>
    <message>
        <source>(already the last layer&apos;s prediction)</source>
        <translation>（すでに最後の層の予測と同じ）</translation>
    </message>
    <message>
        <source>each cell: the token the model would predict next if it stopped after that layer (the stream read with its final norm and unembedding), coloured by its probability</source>
        <translation>各セル: その層で止めたときにモデルが次に予測するトークン（ストリームを最後の正規化とアンエンベディングで読んだもの）。色はその確率</translation>
    </message>
    <message>
        <source>each cell: the token the model would guess at that position if it stopped after that layer (the stream read with its final norm and output head), coloured by its probability</source>
        <translation>各セル: その層で止めたときにモデルがその位置に推測するトークン（ストリームを最後の正規化と出力ヘッドで読んだもの）。色はその確率</translation>
    </message>
    <message>
        <source>bold: already the last layer&apos;s prediction</source>
        <translation>太字: すでに最後の層の予測と同じ</translation>
    </message>
    <message>
        <source>hover a cell for the top 5 · click a token to select it</source>
        <translation>セルにポインタを置くと上位 5 件 · トークンをクリックすると選択</translation>
    </message>
    <message>
        <source>Logit lens: what each layer would predict</source>
        <translation>ロジットレンズ: 各層が予測するもの</translation>
    </message>
    <message>
        <source>token 1 of %1 is left out: there is no room for it</source>
        <translation>%1 個中 1 番目のトークンは入りきらないため省いています</translation>
    </message>
    <message>
        <source>(widen the window, or select an earlier token to show it)</source>
        <translation>（ウィンドウを広げるか、前のトークンを選ぶと表示されます）</translation>
    </message>
</context>
<context>
    <name>attnlab::widgets::LessonChart</name>
    <message>
        <source>Computing…</source>
        <translation>計算しています…</translation>
    </message>
</context>
<context>
    <name>attnlab::widgets::MatrixEditor</name>
    <message>
        <source>Rows of %1 (tokens)</source>
        <translation>%1 の行数（トークン）</translation>
    </message>
    <message>
        <source>Columns of %1 (features)</source>
        <translation>%1 の列数（特徴量）</translation>
    </message>
    <message>
        <source>Type numbers or expressions (3/2, -1/√2, sqrt(2), exp(1/2)); paste a whole matrix as CSV, LaTeX or a NumPy list with Ctrl+V</source>
        <translation>数値か式を入力します (3/2, -1/√2, sqrt(2), exp(1/2))。行列全体を CSV、LaTeX、NumPy のリストとして Ctrl+V で貼り付けられます</translation>
    </message>
    <message>
        <source>Cannot paste: %1</source>
        <translation>貼り付けできません: %1</translation>
    </message>
    <message>
        <source>Cannot paste a %1 × %2 matrix: the editor holds at most %3 × %3</source>
        <translation>%1 × %2 の行列は貼り付けできません。エディタが扱えるのは最大 %3 × %3 です</translation>
    </message>
</context>
<context>
    <name>attnlab::widgets::ModelView</name>
    <message>
        <source>All heads</source>
        <translation>すべてのヘッド</translation>
    </message>
    <message>
        <source>No model trace to show yet.</source>
        <translation>表示するモデルの計算結果はまだありません。</translation>
    </message>
    <message>
        <source>untrained weights</source>
        <translation>未学習の重み</translation>
    </message>
    <message>
        <source>Layer %1 · Head %2: click to show it in the heatmap</source>
        <translation>層 %1 · ヘッド %2: クリックするとヒートマップに表示します</translation>
    </message>
    <message>
        <source>%1 · %2 × %3 sharing %4 key/value heads · %5</source>
        <translation>%1 · %2 × %3（%4 個のキー/バリューヘッドを共有）· %5</translation>
    </message>
    <message>
        <source>%1 · %2 × %3 sharing one key/value head · %4</source>
        <translation>%1 · %2 × %3（1 個のキー/バリューヘッドを共有）· %4</translation>
    </message>
    <message>
        <source>%1 · %2 × %3 · %4</source>
        <translation>%1 · %2 × %3 · %4</translation>
    </message>
</context>
<context>
    <name>attnlab::widgets::PatchingView</name>
    <message>
        <source>No patching: %1</source>
        <translation>パッチングなし：%1</translation>
    </message>
    <message>
        <source>Activation patching: what brings back “%1” over “%2” after “%3” (token %4)</source>
        <translation>活性化パッチング：「%3」（トークン %4）の後で「%2」より「%1」を取り戻すもの</translation>
    </message>
    <message>
        <source>Activation patching: what brings back “%1” after “%2” (token %3)</source>
        <translation>活性化パッチング：「%2」（トークン %3）の後で「%1」を取り戻すもの</translation>
    </message>
    <message>
        <source>logit difference</source>
        <translation>ロジット差</translation>
    </message>
    <message>
        <source>log p</source>
        <translation>log p</translation>
    </message>
    <message>
        <source>clean: %1</source>
        <translation>クリーン：%1</translation>
    </message>
    <message>
        <source>corrupted: %1</source>
        <translation>破損：%1</translation>
    </message>
    <message>
        <source>%1: %2 clean, %3 corrupted</source>
        <translation>%1：クリーン %2、破損 %3</translation>
    </message>
    <message>
        <source>each cell: the share of that difference restored when one part of the corrupted run comes from the clean run (1: all of it, 0: none)</source>
        <translation>各セル：破損入力の実行の一部をクリーン入力の実行から取ったときに回復する差の割合（1：すべて、0：なし）</translation>
    </message>
    <message>
        <source>Each head&apos;s output (every token)</source>
        <translation>各ヘッドの出力（全トークン）</translation>
    </message>
    <message>
        <source>restored</source>
        <translation>回復</translation>
    </message>
    <message>
        <source>Restores most</source>
        <translation>回復が大きい順</translation>
    </message>
    <message>
        <source>The stream entering each layer, one token at a time</source>
        <translation>各層に入るストリーム（1 トークンずつ）</translation>
    </message>
    <message>
        <source>Each MLP&apos;s output, one token at a time</source>
        <translation>各 MLP の出力（1 トークンずつ）</translation>
    </message>
    <message>
        <source>&amp;Corrupted:</source>
        <translation>破損入力(&amp;C):</translation>
    </message>
    <message>
        <source>the input with one thing changed, as many tokens long</source>
        <translation>一か所だけ変えた入力（同じトークン数）</translation>
    </message>
    <message>
        <source>&amp;Target:</source>
        <translation>目標(&amp;T):</translation>
    </message>
    <message>
        <source>one token</source>
        <translation>1 トークン</translation>
    </message>
    <message>
        <source>&amp;Wrong:</source>
        <translation>誤り(&amp;W):</translation>
    </message>
    <message>
        <source>optional</source>
        <translation>省略可</translation>
    </message>
    <message>
        <source>&amp;Patch</source>
        <translation>パッチ(&amp;P)</translation>
    </message>
    <message>
        <source>Put each part of the clean run (the input above) into the corrupted run in turn and measure how much of the target&apos;s lead it brings back</source>
        <translation>クリーン入力（上の入力）の実行の各部分を順に破損入力の実行へ入れ、目標トークンの優位がどれだけ戻るかを測ります</translation>
    </message>
    <message>
        <source>No trace yet: type a sentence and choose a trained model</source>
        <translation>まだトレースがありません：文を入力し、学習済みモデルを選んでください</translation>
    </message>
    <message>
        <source>The toy model predicts nothing (it has no output layer): choose a trained model to patch its activations</source>
        <translation>トイモデルは何も予測しません（出力層がありません）：活性化をパッチするには学習済みモデルを選んでください</translation>
    </message>
    <message>
        <source>Typed matrices have no prediction to restore</source>
        <translation>入力した行列には戻すべき予測がありません</translation>
    </message>
    <message>
        <source>Type a corrupted input of as many tokens as the input above, the token the input should make the model say and, optionally, the one the corrupted input makes it say; then press Patch</source>
        <translation>上の入力と同じトークン数の破損入力、上の入力でモデルが言うべきトークン、そして省略可で破損入力が言わせるトークンを入力し、「パッチ」を押してください</translation>
    </message>
    <message>
        <source>Patching: rerunning the model with each part of the clean run…</source>
        <translation>パッチング中：クリーン入力の各部分でモデルを再実行しています…</translation>
    </message>
    <message>
        <source>restores %1 of the logit difference</source>
        <translation>ロジット差の %1 を回復</translation>
    </message>
    <message>
        <source>restores %1 of the log-probability&apos;s difference</source>
        <translation>対数確率の差の %1 を回復</translation>
    </message>
    <message>
        <source>Layer %1, head %2 from the clean run: %3</source>
        <translation>クリーン実行の層 %1・ヘッド %2：%3</translation>
    </message>
    <message>
        <source>%1 (corrupted: “%2”)</source>
        <translation>%1（破損：「%2」）</translation>
    </message>
    <message>
        <source>The stream entering layer %1 at token %2 %3</source>
        <translation>層 %1 に入るストリーム、トークン %2 %3</translation>
    </message>
    <message>
        <source>Layer %1&apos;s MLP output at token %2 %3</source>
        <translation>層 %1 の MLP 出力、トークン %2 %3</translation>
    </message>
    <message>
        <source>%1, from the clean run: %2</source>
        <translation>%1（クリーン実行から）：%2</translation>
    </message>
</context>
<context>
    <name>attnlab::widgets::PositionalView</name>
    <message>
        <source>your token</source>
        <translation>あなたのトークン</translation>
    </message>
    <message>
        <source>your %1 tokens</source>
        <translation>あなたの %1 個のトークン</translation>
    </message>
    <message>
        <source>position p</source>
        <translation>位置 p</translation>
    </message>
    <message>
        <source>(b) PE: position × dimension</source>
        <translation>(b) PE: 位置 × 次元</translation>
    </message>
    <message>
        <source>dimension</source>
        <translation>次元</translation>
    </message>
    <message>
        <source>position</source>
        <translation>位置</translation>
    </message>
    <message>
        <source>(c) Position similarity (cos)</source>
        <translation>(c) 位置の類似度 (cos)</translation>
    </message>
    <message>
        <source>(d) Naive PE[p] = (p, p, …, p)</source>
        <translation>(d) 素朴な PE[p] = (p, p, …, p)</translation>
    </message>
    <message>
        <source>naive: p·√%1</source>
        <translation>素朴: p·√%1</translation>
    </message>
    <message>
        <source>sinusoidal: √%1 at every p</source>
        <translation>正弦波: どの p でも √%1</translation>
    </message>
    <message>
        <source>dim %1 · %2 · λ ≈ %3</source>
        <translation>次元 %1 · %2 · λ ≈ %3</translation>
    </message>
    <message>
        <source>Positional encodings · d = %1 · positions 0 … %2%3</source>
        <translation>位置エンコーディング · d = %1 · 位置 0 … %2%3</translation>
    </message>
    <message>
        <source> · the sentence&apos;s %1 positions marked</source>
        <translation> · 文の %1 個の位置に印</translation>
    </message>
    <message>
        <source>, llama3 scaling: slow pairs ÷ %1</source>
        <translation>、llama3 スケーリング：遅いペアは ÷ %1</translation>
    </message>
    <message>
        <source>, linear scaling: every θ_i ÷ %1</source>
        <translation>、線形スケーリング：すべての θ_i ÷ %1</translation>
    </message>
    <message>
        <source>; sliding layers: base %1, unscaled</source>
        <translation>；スライディング層は底 %1、スケーリングなし</translation>
    </message>
    <message>
        <source>(a) RoPE: pair i of a head turns by p·θ_i, θ_i = %1^(−2i/%2)%3%4; cos and sin of p·θ_i</source>
        <translation>(a) RoPE：ヘッドのペア i は p·θ_i だけ回転、θ_i = %1^(−2i/%2)%3%4；p·θ_i の cos と sin</translation>
    </message>
    <message>
        <source>(b) sin, cos of p·θ_i: position × feature</source>
        <translation>(b) p·θ_i の sin、cos：位置 × 特徴量</translation>
    </message>
    <message>
        <source>RoPE: norms unchanged at every p</source>
        <translation>RoPE：どの p でもノルムは不変</translation>
    </message>
    <message>
        <source>Rotary positions (RoPE) · %1 features per head · positions 0 … %2%3</source>
        <translation>回転位置埋め込み（RoPE）· ヘッドあたり %1 特徴量 · 位置 0 … %2%3</translation>
    </message>
</context>
<context>
    <name>attnlab::widgets::QkView</name>
    <message>
        <source>PC %1 (%2 of the variance)</source>
        <translation>主成分 %1（分散の %2）</translation>
    </message>
    <message>
        <source>strongest keys of “%1”</source>
        <translation>「%1」の最も強いキー</translation>
    </message>
    <message>
        <source>query</source>
        <translation>クエリ</translation>
    </message>
    <message>
        <source>key</source>
        <translation>キー</translation>
    </message>
    <message>
        <source>attention of “%1” (width: weight)</source>
        <translation>「%1」のアテンション（太さ：重み）</translation>
    </message>
    <message>
        <source>position</source>
        <translation>位置</translation>
    </message>
    <message>
        <source>No trace yet: type a sentence to see its queries and keys</source>
        <translation>まだトレースがありません。文を入力するとクエリとキーが表示されます</translation>
    </message>
    <message>
        <source>This layer has no attention heads</source>
        <translation>この層にはアテンションヘッドがありません</translation>
    </message>
    <message>
        <source>This head keeps no queries and keys to project</source>
        <translation>このヘッドには射影するクエリとキーがありません</translation>
    </message>
    <message>
        <source>each query (●) and key (□) of this head as a point of one plane: a query lies near the keys it attends to, as far as two axes can tell</source>
        <translation>このヘッドの各クエリ（●）と各キー（□）を一つの平面上の点として表示：クエリは、2 本の軸で表せる範囲で、注目するキーの近くに来ます</translation>
    </message>
    <message>
        <source>keys shifted so that their centre meets the queries&apos;, queries × c and keys ÷ c (c = %1) for equal mean lengths, then the two main axes (PCA), as AttentionViz (Yeh et al. 2023)</source>
        <translation>キーを平行移動して重心をクエリの重心に重ね、平均の長さが等しくなるようクエリ × c、キー ÷ c（c = %1）とし、主な 2 軸（PCA）に射影（AttentionViz、Yeh ら 2023 と同じ）</translation>
    </message>
    <message>
        <source>the two axes show %1 of the variance</source>
        <translation>2 本の軸で分散の %1 を表示</translation>
    </message>
    <message>
        <source>q and k after RoPE, as the scores used them</source>
        <translation>q と k は RoPE 適用後（スコアの計算に使われたもの）</translation>
    </message>
    <message>
        <source>one head: choose a head to see another</source>
        <translation>一つのヘッドのみ：別のヘッドを見るにはヘッドを選んでください</translation>
    </message>
    <message>
        <source>click a query to select it; hover a point for its token</source>
        <translation>クエリをクリックすると選択、点にカーソルを置くとトークンを表示</translation>
    </message>
    <message>
        <source>query “%1”, position %2</source>
        <translation>クエリ「%1」、位置 %2</translation>
    </message>
    <message>
        <source>key “%1”, position %2: weight %3 from query “%4”</source>
        <translation>キー「%1」、位置 %2：クエリ「%4」からの重み %3</translation>
    </message>
    <message>
        <source>Queries and keys of layer %1, head %2</source>
        <translation>層 %1・ヘッド %2 のクエリとキー</translation>
    </message>
    <message>
        <source>query “%1” (token %2)</source>
        <translation>クエリ「%1」（トークン %2）</translation>
    </message>
</context>
<context>
    <name>attnlab::widgets::ResidualView</name>
    <message>
        <source>Layer %1, token “%2”</source>
        <translation>層 %1、トークン「%2」</translation>
    </message>
    <message>
        <source>MLP</source>
        <translation>MLP</translation>
    </message>
    <message>
        <source>in</source>
        <translation>入力</translation>
    </message>
    <message>
        <source>input</source>
        <translation>入力</translation>
    </message>
    <message>
        <source>after %1</source>
        <translation>%1 の後</translation>
    </message>
    <message>
        <source>layer %1</source>
        <translation>層 %1</translation>
    </message>
    <message>
        <source>No trace yet: type a sentence to see its residual stream</source>
        <translation>まだ計算結果がありません。文を入力すると残差ストリームを表示します</translation>
    </message>
    <message>
        <source>This trace has no residual stream (matrix mode computes one attention layer)</source>
        <translation>この計算結果には残差ストリームがありません（行列モードは注意層を 1 つだけ計算します）</translation>
    </message>
    <message>
        <source>Residual stream of “%1” (token %2) through %3 layers</source>
        <translation>「%1」（トークン %2）の %3 層にわたる残差ストリーム</translation>
    </message>
    <message>
        <source>click a bar to open its layer</source>
        <translation>棒をクリックするとその層を開きます</translation>
    </message>
    <message>
        <source>‖Δ‖ added</source>
        <translation>加わる ‖Δ‖</translation>
    </message>
    <message>
        <source>attention</source>
        <translation>アテンション</translation>
    </message>
    <message>
        <source>cos %1</source>
        <translation>cos %1</translation>
    </message>
    <message>
        <source>line: length ‖x‖ of the stream entering layer 1 and after each layer</source>
        <translation>線: 層 1 に入るときと各層の後のストリームの長さ ‖x‖</translation>
    </message>
    <message>
        <source>bars: length ‖Δ‖ of what attention and the MLP add to the stream (lengths do not add up)</source>
        <translation>棒: アテンションと MLP がストリームに加える量の長さ ‖Δ‖（長さは足し合わせられません）</translation>
    </message>
    <message>
        <source>over a bar: cos(Δ, x), 1 = along the stream, 0 = across it, −1 = against it</source>
        <translation>棒の上: cos(Δ, x)、1 = ストリームと同じ向き、0 = 直交、−1 = 逆向き</translation>
    </message>
    <message>
        <source>post-norm: the stream is normalised after each addition, so it is not x + Δ</source>
        <translation>ポストノルム: 加算のたびにストリームが正規化されるので、x + Δ にはなりません</translation>
    </message>
    <message>
        <source>%1: ‖Δ‖ = %2, cos(Δ, x) = %3, ‖x‖ %4 → %5%6</source>
        <translation>%1: ‖Δ‖ = %2, cos(Δ, x) = %3, ‖x‖ %4 → %5%6</translation>
    </message>
    <message>
        <source> (normalised after the addition)</source>
        <translation>（加算の後に正規化）</translation>
    </message>
</context>
<context>
    <name>attnlab::widgets::RolloutView</name>
    <message>
        <source>layer %1</source>
        <translation>層 %1</translation>
    </message>
    <message>
        <source>share (0–1)</source>
        <translation>割合 (0–1)</translation>
    </message>
    <message>
        <source>share (0–max)</source>
        <translation>割合 (0–最大)</translation>
    </message>
    <message>
        <source>share (log)</source>
        <translation>割合 (対数)</translation>
    </message>
    <message>
        <source>No trace yet: type a sentence to see its attention flow</source>
        <translation>まだ計算結果がありません。文を入力するとアテンションフローを表示します</translation>
    </message>
    <message>
        <source>No trace yet: type a sentence to see its attention rollout</source>
        <translation>まだ計算結果がありません。文を入力するとアテンションロールアウトを表示します</translation>
    </message>
    <message>
        <source>Computing the attention rollout…</source>
        <translation>アテンションロールアウトを計算しています…</translation>
    </message>
    <message>
        <source>Attention rollout is not available: %1</source>
        <translation>アテンションロールアウトは利用できません: %1</translation>
    </message>
    <message>
        <source>Computing the attention flow of “%1”…</source>
        <translation>「%1」のアテンションフローを計算しています…</translation>
    </message>
    <message>
        <source>Attention flow is not available: %1</source>
        <translation>アテンションフローは利用できません: %1</translation>
    </message>
    <message>
        <source>each row: how much of every input token has reached this token after that layer; rows sum to 1</source>
        <translation>各行: その層の後で、各入力トークンがこのトークンにどれだけ届いたか。各行の和は 1</translation>
    </message>
    <message>
        <source>Â = ½ · mean of the heads + ½ · I (the residual), multiplied from layer 1 up (Abnar &amp; Zuidema 2020)</source>
        <translation>Â = ½ · ヘッドの平均 + ½ · I（残差）を層 1 から順に掛け合わせる (Abnar &amp; Zuidema 2020)</translation>
    </message>
    <message>
        <source>each row: the maximum flow from this token at that layer to every input token, divided by the row&apos;s sum</source>
        <translation>各行: その層のこのトークンから各入力トークンへの最大フローを、行の和で割ったもの</translation>
    </message>
    <message>
        <source>the layers as a flow network whose capacities are Â = ½ · mean of the heads + ½ · I (Abnar &amp; Zuidema 2020)</source>
        <translation>層を容量 Â = ½ · ヘッドの平均 + ½ · I のフローネットワークとみなす (Abnar &amp; Zuidema 2020)</translation>
    </message>
    <message>
        <source>click a token to follow it</source>
        <translation>トークンをクリックするとそのトークンを追います</translation>
    </message>
    <message>
        <source>Attention rollout of “%1” (token %2)</source>
        <translation>「%1」（トークン %2）のアテンションロールアウト</translation>
    </message>
    <message>
        <source>Attention flow of “%1” (token %2)</source>
        <translation>「%1」（トークン %2）のアテンションフロー</translation>
    </message>
    <message>
        <source>Rollout</source>
        <translation>ロールアウト</translation>
    </message>
    <message>
        <source>Flow</source>
        <translation>フロー</translation>
    </message>
    <message>
        <source>Attention rollout: the layers&apos; attention multiplied from layer 1 up</source>
        <translation>アテンションロールアウト: 各層のアテンションを層 1 から順に掛け合わせたもの</translation>
    </message>
    <message>
        <source>Attention flow: the maximum flow through the layers to each input token</source>
        <translation>アテンションフロー: 層を通って各入力トークンへ流れる最大フロー</translation>
    </message>
    <message>
        <source>Layer %1: “%2” → “%3”: %4</source>
        <translation>層 %1: 「%2」→「%3」: %4</translation>
    </message>
</context>
<context>
    <name>attnlab::widgets::StepView</name>
    <message>
        <source>← → step through QKᵀ, scaling, mask, softmax and ×V; ↑ ↓ or a click choose the query row</source>
        <translation>← → で QKᵀ、スケーリング、マスク、ソフトマックス、×V を順に進みます。↑ ↓ かクリックでクエリの行を選びます</translation>
    </message>
    <message>
        <source>This trace has no attention layer to step through</source>
        <translation>この計算結果にはステップごとに見られる注意層がありません</translation>
    </message>
    <message>
        <source>No trace yet: type matrices or a sentence to step through attention</source>
        <translation>まだ計算結果がありません。行列か文を入力すると、注意をステップごとに確認できます</translation>
    </message>
    <message>
        <source> (steps show one head)</source>
        <translation>（ステップ表示は 1 ヘッドのみ）</translation>
    </message>
    <message>
        <source>  (no key is masked for this query)</source>
        <translation>  （このクエリでマスクされたキーはありません）</translation>
    </message>
    <message>
        <source>  (masked keys %1 get −∞, so weight 0)</source>
        <translation>  （マスクされたキー %1 は −∞ になるので重みは 0）</translation>
    </message>
    <message>
        <source>a%1 = 0  (every key is masked for this query)</source>
        <translation>a%1 = 0  （このクエリではすべてのキーがマスクされています）</translation>
    </message>
    <message>
        <source>mask</source>
        <translation>マスク</translation>
    </message>
    <message>
        <source>softmax</source>
        <translation>ソフトマックス</translation>
    </message>
    <message>
        <source>S (unscaled)</source>
        <translation>S（スケーリングなし）</translation>
    </message>
    <message>
        <source>masked</source>
        <translation>マスク後</translation>
    </message>
    <message>
        <source>each query is compared with every key by a dot product</source>
        <translation>各クエリをすべてのキーと内積で比べます</translation>
    </message>
    <message>
        <source>the scores are scaled so that the softmax does not saturate</source>
        <translation>ソフトマックスが飽和しないようにスコアをスケーリングします</translation>
    </message>
    <message>
        <source>keys a query may not see become −∞</source>
        <translation>クエリから見えないキーは −∞ になります</translation>
    </message>
    <message>
        <source>each row turns into weights that sum to 1</source>
        <translation>各行が合計 1 の重みになります</translation>
    </message>
    <message>
        <source>each output is the weighted average of the value rows</source>
        <translation>各出力はバリューの行の加重平均です</translation>
    </message>
    <message>
        <source>Query row %1%2 at step %3, written out</source>
        <translation>ステップ %3 でのクエリ行 %1%2 の計算</translation>
    </message>
    <message>
        <source>Step %1 of %2 · %3: %4</source>
        <translation>ステップ %1/%2 · %3: %4</translation>
    </message>
    <message>
        <source>each query is compared with every key by a dot product, after both were RMS-normed per head and rotated by RoPE</source>
        <translation>各クエリを、ヘッドごとに RMSNorm をかけ RoPE で回転させた後、すべてのキーと内積で比べます</translation>
    </message>
    <message>
        <source>each query is compared with every key by a dot product, after both were rotated by RoPE</source>
        <translation>各クエリを、RoPE で回転させた後、すべてのキーと内積で比べます</translation>
    </message>
    <message>
        <source>the scores are scaled by 1/√%1, the model&apos;s query_pre_attn_scalar, instead of 1/√dₖ = 1/√%2</source>
        <translation>スコアを 1/√dₖ = 1/√%2 ではなく、モデルの query_pre_attn_scalar による 1/√%1 でスケーリングします</translation>
    </message>
    <message>
        <source>layer %1 · head %2%3</source>
        <translation>層 %1 · ヘッド %2%3</translation>
    </message>
    <message>
        <source>← → move between steps · click a row to choose the query</source>
        <translation>← → でステップを移動 · 行をクリックしてクエリを選択</translation>
    </message>
</context>
<context>
    <name>attnlab::widgets::TokenStrip</name>
    <message>
        <source>Token %1: select it as the query in every view</source>
        <translation>トークン %1: すべてのビューでクエリとして選択します</translation>
    </message>
    <message>
        <source>Most probable next tokens after token %1:</source>
        <translation>トークン %1 の次に来る確率の高いトークン:</translation>
    </message>
    <message>
        <source>Most probable tokens at position %1 (masked-token guess):</source>
        <translation>位置 %1 で確率の高いトークン（マスクされたトークンの推測）:</translation>
    </message>
    <message>
        <source>%1 → %2</source>
        <comment>the prediction before and after switching parts off</comment>
        <translation>%1 → %2</translation>
    </message>
    <message>
        <source>Token %1 with the parts switched off:</source>
        <translation>部分を切ったときのトークン %1:</translation>
    </message>
    <message>
        <source>before, the model predicted “%1”: log p %2 → %3 (Δ %4)</source>
        <translation>切る前、モデルは「%1」を予測: log p %2 → %3（Δ %4）</translation>
    </message>
    <message>
        <source>now it predicts “%1”: log p %2 → %3</source>
        <translation>今は「%1」を予測: log p %2 → %3</translation>
    </message>
    <message>
        <source>it still predicts “%1”</source>
        <translation>予測は「%1」のまま</translation>
    </message>
</context>
<context>
    <name>attnlab::widgets::TraceView</name>
    <message>
        <source>No trace to show</source>
        <translation>表示する計算結果がありません</translation>
    </message>
    <message>
        <source>Answer hidden</source>
        <translation>答えは非表示</translation>
    </message>
</context>
<context>
    <name>attnlab::widgets::TrainingChart</name>
    <message>
        <source>step</source>
        <translation>ステップ</translation>
    </message>
</context>
</TS>
