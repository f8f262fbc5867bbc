<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="fa" sourcelanguage="en">
<context>
    <name>Counts</name>
    <message>
        <source>1 layer</source>
        <translation>1 لایه</translation>
    </message>
    <message>
        <source>%1 layers</source>
        <translation>%1 لایه</translation>
    </message>
    <message>
        <source>1 head</source>
        <translation>1 سر</translation>
    </message>
    <message>
        <source>%1 heads</source>
        <translation>%1 سر</translation>
    </message>
    <message>
        <source>1 token</source>
        <translation>1 توکن</translation>
    </message>
    <message>
        <source>%1 tokens</source>
        <translation>%1 توکن</translation>
    </message>
</context>
<context>
    <name>HeatmapView</name>
    <message>
        <source>key</source>
        <translation>کلید</translation>
    </message>
    <message>
        <source>query</source>
        <translation>پرسش</translation>
    </message>
    <message>
        <source>max</source>
        <translation>بیشینه</translation>
    </message>
    <message>
        <source>weight (0–1)</source>
        <translation>وزن (⁦0–1⁩)</translation>
    </message>
    <message>
        <source>weight (0–max of each head)</source>
        <translation>وزن (۰ تا بیشینهٔ هر سر)</translation>
    </message>
    <message>
        <source>weight (0–max)</source>
        <translation>وزن (۰ تا بیشینه)</translation>
    </message>
    <message>
        <source>weight (log)</source>
        <translation>وزن (لگاریتمی)</translation>
    </message>
</context>
<context>
    <name>Language</name>
    <message>
        <source>Language</source>
        <translation>زبان</translation>
    </message>
    <message>
        <source>&amp;Restart Now</source>
        <translation>&amp;راه‌اندازی دوباره</translation>
    </message>
    <message>
        <source>&amp;Later</source>
        <translation>&amp;بعداً</translation>
    </message>
    <message>
        <source>&amp;Language</source>
        <translation>&amp;زبان</translation>
    </message>
    <message>
        <source>AttnLab will be in %1 from its next start. Restart now?</source>
        <translation>AttnLab از اجرای بعدی به زبان %1 نمایش داده می‌شود. اکنون دوباره راه‌اندازی شود؟</translation>
    </message>
</context>
<context>
    <name>LessonDeck</name>
    <message>
        <source>Answer: %1</source>
        <translation>پاسخ: %1</translation>
    </message>
    <message>
        <source>Question</source>
        <translation>پرسش</translation>
    </message>
    <message>
        <source>Answer</source>
        <translation>پاسخ</translation>
    </message>
</context>
<context>
    <name>QObject</name>
    <message>
        <source>exp override &quot;%1&quot;: write x = value, e.g. 1/2 = 3/2</source>
        <translation>تقریب exp «%1»: به‌صورت x = مقدار بنویسید، مثلاً 1/2 = 3/2</translation>
    </message>
    <message>
        <source>exp override &quot;%1&quot;: %2</source>
        <translation>تقریب exp «%1»: %2</translation>
    </message>
    <message>
        <source>exp override &quot;%1&quot;: exp(x) must be positive</source>
        <translation>تقریب exp «%1»: exp(x) باید مثبت باشد</translation>
    </message>
    <message>
        <source>%1: row %2, column %3: %4</source>
        <translation>%1: سطر %2، ستون %3: %4</translation>
    </message>
    <message>
        <source>Heatmap</source>
        <translation>نقشهٔ حرارتی</translation>
    </message>
    <message>
        <source>Head view</source>
        <translation>نمای سرها</translation>
    </message>
    <message>
        <source>Arcs</source>
        <translation>کمان‌ها</translation>
    </message>
    <message>
        <source>Model view</source>
        <translation>نمای مدل</translation>
    </message>
    <message>
        <source>Step by step</source>
        <translation>گام‌به‌گام</translation>
    </message>
    <message>
        <source>Positional encoding</source>
        <translation>رمزگذاری موقعیت</translation>
    </message>
    <message>
        <source>Residual stream</source>
        <translation>جریان باقی‌مانده</translation>
    </message>
    <message>
        <source>lesson %1: the matrices editor cannot show W_o with a memory M</source>
        <translation>درس %1: ویرایشگر ماتریس‌ها نمی‌تواند W_o را همراه با حافظهٔ M نشان دهد</translation>
    </message>
    <message>
        <source>%1 (llama2.c)</source>
        <translation>%1 (⁦llama2.c⁩)</translation>
    </message>
    <message>
        <source>Head roles</source>
        <translation>نقش سرها</translation>
    </message>
    <message>
        <source>Rollout</source>
        <translation>گسترش توجه</translation>
    </message>
    <message>
        <source>Which heads matter</source>
        <translation>کدام سرها مهم‌اند</translation>
    </message>
    <message>
        <source>Logit lens</source>
        <translation>عدسی لوجیت</translation>
    </message>
    <message>
        <source>Queries &amp; keys</source>
        <translation>پرسش‌ها و کلیدها</translation>
    </message>
    <message>
        <source>Patching</source>
        <translation>وصله</translation>
    </message>
    <message>
        <source>, </source>
        <comment>between the items of a list</comment>
        <translation>، </translation>
    </message>
    <message>
        <source>head %1</source>
        <translation>سر %1</translation>
    </message>
    <message>
        <source>heads %1</source>
        <translation>سرهای %1</translation>
    </message>
    <message>
        <source>the MLP of layer %1</source>
        <translation>⁦MLP⁩ لایهٔ %1</translation>
    </message>
    <message>
        <source>the MLPs of layers %1</source>
        <translation>⁦MLP⁩های لایه‌های %1</translation>
    </message>
    <message>
        <source>%1 and %2</source>
        <comment>heads and MLPs switched off</comment>
        <translation>%1 و %2</translation>
    </message>
    <message>
        <source>Lesson File</source>
        <translation>پروندهٔ درس</translation>
    </message>
    <message>
        <source>%1 is not a lesson AttnLab can open. What to change:</source>
        <translation>⁦%1⁩ درسی نیست که ⁦AttnLab⁩ بتواند باز کند. آنچه باید تغییر کند:</translation>
    </message>
    <message>
        <source>The lesson format is described in docs/LESSONS.md; &lt;tt&gt;attnlab lessons --validate FILE&lt;/tt&gt; lists the same problems.</source>
        <translation>قالب درس در ⁦docs/LESSONS.md⁩ آمده است؛ ⁦&lt;tt&gt;attnlab lessons --validate FILE&lt;/tt&gt;⁩ همین مشکل‌ها را فهرست می‌کند.</translation>
    </message>
</context>
<context>
    <name>attnlab::app</name>
    <message>
        <source>In the views and fields</source>
        <translation>در نماها و فیلدها</translation>
    </message>
    <message>
        <source>Step by step: previous / next step</source>
        <translation>گام‌به‌گام: گام قبلی / بعدی</translation>
    </message>
    <message>
        <source>Step by step: first / last step</source>
        <translation>گام‌به‌گام: نخستین / آخرین گام</translation>
    </message>
    <message>
        <source>Home / End</source>
        <translation>⁦Home / End⁩</translation>
    </message>
    <message>
        <source>Step by step: previous / next query row</source>
        <translation>گام‌به‌گام: سطر پرسش قبلی / بعدی</translation>
    </message>
    <message>
        <source>Heatmap: choose the query</source>
        <translation>نقشهٔ حرارتی: انتخاب پرسش</translation>
    </message>
    <message>
        <source>click a row label</source>
        <translation>کلیک روی برچسب سطر</translation>
    </message>
    <message>
        <source>Heatmap: mask or unmask a cell</source>
        <translation>نقشهٔ حرارتی: پوشاندن یا برداشتن پوشش یک خانه</translation>
    </message>
    <message>
        <source>click a cell</source>
        <translation>کلیک روی خانه</translation>
    </message>
    <message>
        <source>Sentence field: a new line (a newline token, shown as ↵)</source>
        <translation>فیلد جمله: سطر تازه (توکن سطر تازه، با نماد ↵)</translation>
    </message>
    <message>
        <source>Return</source>
        <translation>⁦Return⁩</translation>
    </message>
    <message>
        <source>Sentence field: leave the field</source>
        <translation>فیلد جمله: خروج از فیلد</translation>
    </message>
    <message>
        <source>Tab</source>
        <translation>⁦Tab⁩</translation>
    </message>
    <message>
        <source>Presentation mode: leave</source>
        <translation>حالت ارائه: خروج</translation>
    </message>
    <message>
        <source>Esc</source>
        <translation>⁦Esc⁩</translation>
    </message>
</context>
<context>
    <name>attnlab::app::AblationBar</name>
    <message>
        <source>⊘ Switched off: %1</source>
        <translation>⊘ خاموش: %1</translation>
    </message>
    <message>
        <source>Set to zero</source>
        <translation>صفر کردن</translation>
    </message>
    <message>
        <source>Replace by the mean</source>
        <translation>جایگزینی با میانگین</translation>
    </message>
    <message>
        <source>How a part switched off is replaced: its output set to 0, or its output at every position replaced by its mean over this input&apos;s positions</source>
        <translation>بخش خاموش‌شده با چه جایگزین شود: خروجی‌اش صفر شود، یا خروجی‌اش در هر موقعیت با میانگینش روی موقعیت‌های این ورودی جایگزین شود</translation>
    </message>
    <message>
        <source>Switch All Back On</source>
        <translation>روشن کردن دوبارهٔ همه</translation>
    </message>
    <message>
        <source>Switch every head and MLP back on (Ctrl+Shift+K)</source>
        <translation>روشن کردن دوبارهٔ همهٔ سرها و ⁦MLP⁩ها (⁦Ctrl+Shift+K⁩)</translation>
    </message>
</context>
<context>
    <name>attnlab::app::AttentionMemoryExtra</name>
    <message>
        <source>The number of tokens N</source>
        <translation>تعداد توکن‌ها N</translation>
    </message>
    <message>
        <source>Tokens</source>
        <translation>توکن‌ها</translation>
    </message>
    <message>
        <source>Heads</source>
        <translation>سرها</translation>
    </message>
    <message>
        <source>Layers</source>
        <translation>لایه‌ها</translation>
    </message>
    <message>
        <source>tokens N</source>
        <translation>توکن‌ها N</translation>
    </message>
    <message>
        <source>attention matrices (GiB)</source>
        <translation>ماتریس‌های توجه (GiB)</translation>
    </message>
    <message>
        <source>N = %1: %2 × %3 heads × %4 layers × 4 bytes = &lt;b&gt;%5&lt;/b&gt; bytes = &lt;b&gt;%6&lt;/b&gt;. Doubling N quadruples it; the causal mask hides half the cells but does not shrink the matrix.</source>
        <translation>N = %1: %2 × %3 سر × %4 لایه × 4 بایت = &lt;b&gt;%5&lt;/b&gt; بایت = &lt;b&gt;%6&lt;/b&gt;. دو برابر کردن N آن را چهار برابر می‌کند؛ ماسک علّی نیمی از خانه‌ها را پنهان می‌کند اما ماتریس را کوچک نمی‌کند.</translation>
    </message>
</context>
<context>
    <name>attnlab::app::ComparisonTab</name>
    <message>
        <source>B: %1</source>
        <translation>⁦B⁩: %1</translation>
    </message>
    <message>
        <source>Computing B…</source>
        <translation>در حال محاسبهٔ ⁦B⁩…</translation>
    </message>
    <message>
        <source>Compare takes a sentence: typed matrices have no text B.</source>
        <translation>مقایسه به یک جمله نیاز دارد: ماتریس‌های واردشده متن ⁦B⁩ ندارند.</translation>
    </message>
    <message>
        <source>Text B, compared with the input (A); empty: A&apos;s text through model B</source>
        <translation>متن ⁦B⁩، برای مقایسه با ورودی ⁦(A)⁩؛ خالی: متن ⁦A⁩ با مدل ⁦B⁩</translation>
    </message>
    <message>
        <source>View</source>
        <translation>نما</translation>
    </message>
    <message>
        <source>The view drawn for A and for B; the heatmap adds A − B</source>
        <translation>نمایی که برای ⁦A⁩ و ⁦B⁩ کشیده می‌شود؛ نقشهٔ حرارتی ⁦A − B⁩ را هم نشان می‌دهد</translation>
    </message>
    <message>
        <source>Model B</source>
        <translation>مدل ⁦B⁩</translation>
    </message>
    <message>
        <source>The model B runs: A&apos;s own, or another one on the same text (text B empty) or on text B</source>
        <translation>مدلی که ⁦B⁩ را اجرا می‌کند: همان مدل ⁦A⁩، یا مدلی دیگر روی همان متن (متن ⁦B⁩ خالی) یا روی متن ⁦B⁩</translation>
    </message>
    <message>
        <source>Model B: %1</source>
        <translation>مدل ⁦B⁩: %1</translation>
    </message>
    <message>
        <source>Same model as A</source>
        <translation>همان مدل ⁦A⁩</translation>
    </message>
    <message>
        <source>Toy model (untrained)</source>
        <translation>مدل toy (آموزش‌ندیده)</translation>
    </message>
    <message>
        <source>Choose folder…</source>
        <translation>انتخاب پوشه…</translation>
    </message>
    <message>
        <source>Toy model</source>
        <translation>مدل toy</translation>
    </message>
    <message>
        <source>Type a text B, or choose another model B, to compare with A.</source>
        <translation>برای مقایسه با ⁦A⁩، متن ⁦B⁩ را بنویسید یا مدل ⁦B⁩ دیگری انتخاب کنید.</translation>
    </message>
    <message>
        <source>Loading model B (%1)…</source>
        <translation>در حال بارگذاری مدل ⁦B⁩ (⁦%1⁩)…</translation>
    </message>
    <message>
        <source>No difference A − B: %1</source>
        <translation>تفاضل ⁦A − B⁩ وجود ندارد: %1</translation>
    </message>
</context>
<context>
    <name>attnlab::app::ComputeStatus</name>
    <message>
        <source>Run the first token</source>
        <translation>اجرا با توکن نخست</translation>
    </message>
    <message>
        <source>Run the first %1 tokens</source>
        <translation>اجرا با %1 توکن نخست</translation>
    </message>
    <message>
        <source>Run only the first of %1 layers</source>
        <translation>اجرای فقط لایهٔ نخست از %1 لایه</translation>
    </message>
    <message>
        <source>Run only the first %1 of %2 layers</source>
        <translation>اجرای فقط %1 لایهٔ نخست از %2 لایه</translation>
    </message>
    <message>
        <source>Show the trace of the beginning of the text; the rest stays in the editor</source>
        <translation>ردِ آغاز متن را نشان بده؛ بقیهٔ متن در ویرایشگر می‌ماند</translation>
    </message>
    <message>
        <source>Show every token, in the first layers only: the later layers and the predictions are left out</source>
        <translation>همهٔ توکن‌ها را فقط در لایه‌های نخست نشان می‌دهد؛ لایه‌های بعدی و پیش‌بینی‌ها کنار گذاشته می‌شوند</translation>
    </message>
    <message>
        <source>Stop</source>
        <translation>توقف</translation>
    </message>
    <message>
        <source>Stop this computation and keep showing the last result</source>
        <translation>این محاسبه را متوقف کن و آخرین نتیجه را نشان بده</translation>
    </message>
    <message>
        <source>Stopped: the views still show the last result</source>
        <translation>متوقف شد: نماها هنوز آخرین نتیجه را نشان می‌دهند</translation>
    </message>
    <message>
        <source> · output width %1</source>
        <translation> · پهنای خروجی %1</translation>
    </message>
    <message>
        <source>Layer %1 of %2</source>
        <translation>لایهٔ %1 از %2</translation>
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
        <translation>کنترل‌ها</translation>
    </message>
    <message>
        <source>Layer </source>
        <translation>لایهٔ </translation>
    </message>
    <message>
        <source>Layer to show (Ctrl+Up / Ctrl+Down)</source>
        <translation>لایه‌ای که نمایش داده می‌شود (Ctrl+Up / Ctrl+Down)</translation>
    </message>
    <message>
        <source>Head to show, or all heads, their average or maximum (Ctrl+Left / Ctrl+Right)</source>
        <translation>سری که نمایش داده می‌شود، یا همهٔ سرها، میانگین یا بیشینهٔ آن‌ها (Ctrl+Left / Ctrl+Right)</translation>
    </message>
    <message>
        <source>Mask: which keys each query may attend to (masked scores become −∞ before the softmax)</source>
        <translation>ماسک: هر پرسش به کدام کلیدها می‌تواند توجه کند (امتیازهای ماسک‌شده پیش از سافت‌مکس −∞ می‌شوند)</translation>
    </message>
    <message>
        <source>No mask</source>
        <translation>بدون ماسک</translation>
    </message>
    <message>
        <source>Causal</source>
        <translation>علّی</translation>
    </message>
    <message>
        <source>Sliding window</source>
        <translation>پنجرهٔ لغزان</translation>
    </message>
    <message>
        <source>Padding</source>
        <translation>پدینگ</translation>
    </message>
    <message>
        <source>Custom</source>
        <translation>سفارشی</translation>
    </message>
    <message>
        <source>÷ √d_k</source>
        <translation>‎÷ √d_k</translation>
    </message>
    <message>
        <source>Unscaled</source>
        <translation>بدون مقیاس‌بندی</translation>
    </message>
    <message>
        <source>Temperature</source>
        <translation>دما</translation>
    </message>
    <message>
        <source>Scaling of the scores QKᵀ before the softmax</source>
        <translation>مقیاس‌بندی امتیازهای QKᵀ پیش از سافت‌مکس</translation>
    </message>
    <message>
        <source>Scores are divided by τ: small τ sharpens, large τ flattens the weights</source>
        <translation>امتیازها بر τ تقسیم می‌شوند: τ کوچک وزن‌ها را تیزتر و τ بزرگ آن‌ها را هموارتر می‌کند</translation>
    </message>
    <message>
        <source>Positional encoding of the toy model</source>
        <translation>رمزگذاری موقعیت مدل toy</translation>
    </message>
    <message>
        <source>Sinusoidal</source>
        <translation>سینوسی</translation>
    </message>
    <message>
        <source>No positions</source>
        <translation>بدون موقعیت</translation>
    </message>
    <message>
        <source>Naive (+i)</source>
        <translation>ساده (+i)</translation>
    </message>
    <message>
        <source>Learned</source>
        <translation>آموختنی</translation>
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
        <translation>پیش‌نرمال‌سازی</translation>
    </message>
    <message>
        <source>Post-norm</source>
        <translation>پس‌نرمال‌سازی</translation>
    </message>
    <message>
        <source>LayerNorm before each sublayer (x + f(LN(x))) or after the residual (LN(x + f(x)))</source>
        <translation>LayerNorm پیش از هر زیرلایه (x + f(LN(x))) یا پس از اتصال باقی‌مانده (LN(x + f(x)))</translation>
    </message>
    <message>
        <source>Mask</source>
        <translation>ماسک</translation>
    </message>
    <message>
        <source>Scale</source>
        <translation>مقیاس</translation>
    </message>
    <message>
        <source>Positions</source>
        <translation>موقعیت‌ها</translation>
    </message>
    <message>
        <source>Exact</source>
        <translation>دقیق</translation>
    </message>
    <message>
        <source>Show values as exact fractions (9/26, √2/2) where they are (Ctrl+E)</source>
        <translation>مقدارها را هرجا کسر دقیق‌اند به‌صورت کسر نشان بده (9/26, √2/2) (Ctrl+E)</translation>
    </message>
    <message>
        <source>K = </source>
        <translation>K = </translation>
    </message>
    <message>
        <source>last N = </source>
        <translation>آخرین N = </translation>
    </message>
    <message>
        <source>Each query sees itself and the K − 1 tokens before it</source>
        <translation>هر پرسش خودش و K − 1 توکنِ پیش از خود را می‌بیند</translation>
    </message>
    <message>
        <source>The last N keys are padding, hidden from every query</source>
        <translation>N کلید آخر پدینگ‌اند و از همهٔ پرسش‌ها پنهان می‌مانند</translation>
    </message>
    <message>
        <source>τ = %1</source>
        <translation>τ = %1</translation>
    </message>
    <message>
        <source>Head %1</source>
        <translation>سر %1</translation>
    </message>
    <message>
        <source>All heads</source>
        <translation>همهٔ سرها</translation>
    </message>
    <message>
        <source>Average of heads</source>
        <translation>میانگین سرها</translation>
    </message>
    <message>
        <source>Maximum of heads</source>
        <translation>بیشینهٔ سرها</translation>
    </message>
    <message>
        <source>Used by the toy model only: typed matrices have no positions and no LayerNorm</source>
        <translation>فقط در مدل آزمایشی: ماتریس‌های واردشده موقعیت و LayerNorm ندارند</translation>
    </message>
    <message>
        <source>Fixed by %1: the model was trained this way</source>
        <translation>ثابت در %1: مدل با همین تنظیم آموزش دیده است</translation>
    </message>
</context>
<context>
    <name>attnlab::app::DotProductVarianceExtra</name>
    <message>
        <source>The width d of the random vectors a and b</source>
        <translation>پهنای d بردارهای تصادفی a و b</translation>
    </message>
    <message>
        <source>Width d</source>
        <translation>پهنای d</translation>
    </message>
    <message>
        <source>aᵀb</source>
        <translation>aᵀb</translation>
    </message>
    <message>
        <source>pairs</source>
        <translation>جفت‌ها</translation>
    </message>
    <message>
        <source>Mean of (aᵀb)² over %1 pairs: &lt;b&gt;%2&lt;/b&gt; ± %3, expected &lt;b&gt;E[(aᵀb)²] = d = %4&lt;/b&gt;. Mean of aᵀb: %5.</source>
        <translation>میانگین (aᵀb)² روی %1 جفت: &lt;b&gt;%2&lt;/b&gt; ± %3، مقدار مورد انتظار &lt;b&gt;E[(aᵀb)²] = d = %4&lt;/b&gt;. میانگین aᵀb: %5.</translation>
    </message>
    <message>
        <source>Eight scores (%1):&lt;br&gt;softmax without ÷√d: &lt;b&gt;%2&lt;/b&gt;&lt;br&gt;softmax of scores ÷ √d: &lt;b&gt;%3&lt;/b&gt;</source>
        <translation>هشت امتیاز (%1):&lt;br&gt;سافت‌مکس بدون ÷√d: &lt;b&gt;%2&lt;/b&gt;&lt;br&gt;سافت‌مکس امتیازهای ÷ √d: &lt;b&gt;%3&lt;/b&gt;</translation>
    </message>
</context>
<context>
    <name>attnlab::app::DownloadDialog</name>
    <message>
        <source>Download Model</source>
        <translation>بارگیری مدل</translation>
    </message>
    <message>
        <source>gpt2, or a Hub repository ORG/NAME</source>
        <translation>gpt2، یا یک مخزن Hub به‌صورت ORG/NAME</translation>
    </message>
    <message>
        <source>A teaching model AttnLab knows, or any Hugging Face repository as ORG/NAME (it needs config.json and model.safetensors)</source>
        <translation>یک مدل آموزشی که AttnLab می‌شناسد، یا هر مخزن Hugging Face به‌صورت ORG/NAME (باید config.json و model.safetensors داشته باشد)</translation>
    </message>
    <message>
        <source>From %1 into %2</source>
        <translation>از %1 به %2</translation>
    </message>
    <message>
        <source>Files already downloaded are kept; an interrupted file resumes.</source>
        <translation>پرونده‌هایی که پیش‌تر بارگیری شده‌اند نگه داشته می‌شوند و پروندهٔ نیمه‌کاره از همان‌جا ادامه می‌یابد.</translation>
    </message>
    <message>
        <source>&amp;Download</source>
        <translation>&amp;بارگیری</translation>
    </message>
    <message>
        <source>&amp;Model:</source>
        <translation>&amp;مدل:</translation>
    </message>
    <message>
        <source>Checking the files…</source>
        <translation>در حال بررسی پرونده‌ها…</translation>
    </message>
    <message>
        <source>Cancelled. The partial file is kept: Download resumes it.</source>
        <translation>لغو شد. پروندهٔ ناقص نگه داشته شده است: بارگیری دوباره آن را ادامه می‌دهد.</translation>
    </message>
    <message>
        <source>Downloaded to %1</source>
        <translation>در %1 بارگیری شد</translation>
    </message>
    <message>
        <source>Connecting…</source>
        <translation>در حال اتصال…</translation>
    </message>
    <message>
        <source>%1 (file %2 of %3): %4 of %5</source>
        <translation>%1 (پروندهٔ %2 از %3): %4 از %5</translation>
    </message>
    <message>
        <source>%1 (file %2 of %3): %4</source>
        <translation>%1 (پروندهٔ %2 از %3): %4</translation>
    </message>
    <message>
        <source>&amp;Cancel</source>
        <translation>&amp;لغو</translation>
    </message>
    <message>
        <source>&amp;Close</source>
        <translation>&amp;بستن</translation>
    </message>
</context>
<context>
    <name>attnlab::app::ExamSoftmaxExtra</name>
    <message>
        <source>&amp;Exact exp(x) instead of exp(1/2) ≈ 3/2</source>
        <translation>exp(x) &amp;دقیق به‌جای exp(1/2) ≈ 3/2</translation>
    </message>
    <message>
        <source>Recompute without the answer key&apos;s approximation and compare the two rows</source>
        <translation>بدون تقریب پاسخ‌نامه دوباره محاسبه کن و دو سطر را مقایسه کن</translation>
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
        <translation>exp دقیق</translation>
    </message>
</context>
<context>
    <name>attnlab::app::ExportDialog</name>
    <message>
        <source>Export Figure</source>
        <translation>خروجی گرفتن از شکل</translation>
    </message>
    <message>
        <source>PNG image</source>
        <translation>تصویر PNG</translation>
    </message>
    <message>
        <source>SVG vector figure</source>
        <translation>شکل برداری SVG</translation>
    </message>
    <message>
        <source>PDF vector figure (fonts embedded)</source>
        <translation>شکل برداری PDF (با قلم‌های جاسازی‌شده)</translation>
    </message>
    <message>
        <source> px</source>
        <translation> پیکسل</translation>
    </message>
    <message>
        <source>PNG resolution: 96 is the screen&apos;s size, 192 or 300 for slides and print</source>
        <translation>وضوح PNG: عدد 96 اندازهٔ صفحه‌نمایش است؛ برای اسلاید و چاپ 192 یا 300</translation>
    </message>
    <message>
        <source>Format</source>
        <translation>قالب</translation>
    </message>
    <message>
        <source>Width</source>
        <translation>عرض</translation>
    </message>
    <message>
        <source>Height</source>
        <translation>ارتفاع</translation>
    </message>
    <message>
        <source>Resolution (PNG)</source>
        <translation>وضوح (PNG)</translation>
    </message>
    <message>
        <source>%1 files (*.%2)</source>
        <translation>پرونده‌های %1 (*.%2)</translation>
    </message>
    <message>
        <source>Export Matrices</source>
        <translation>خروجی گرفتن از ماتریس‌ها</translation>
    </message>
    <message>
        <source>Matrix</source>
        <translation>ماتریس</translation>
    </message>
    <message>
        <source>LaTeX (*.tex);;CSV (*.csv)</source>
        <translation>LaTeX (*.tex);;CSV (*.csv)</translation>
    </message>
    <message>
        <source>Title</source>
        <translation>عنوان</translation>
    </message>
    <message>
        <source>Off for a figure placed under a slide&apos;s own title (attnlab export --no-title)</source>
        <translation>برای شکلی که زیر عنوان خودِ اسلاید می‌نشیند خاموش کنید (⁦attnlab export --no-title⁩)</translation>
    </message>
    <message>
        <source>All steps</source>
        <translation>همهٔ گام‌ها</translation>
    </message>
    <message>
        <source>Every step at once, for slides that build up (attnlab export --all-steps)</source>
        <translation>همهٔ گام‌ها یک‌جا، برای اسلایدهایی که گام‌به‌گام ساخته می‌شوند (⁦attnlab export --all-steps⁩)</translation>
    </message>
    <message>
        <source>One PDF with a page per step</source>
        <translation>یک ⁦PDF⁩ با یک صفحه برای هر گام</translation>
    </message>
    <message>
        <source>One file per step: %1 … %2 (the chosen name with -1 … -%3 before the suffix, or in place of %d if the name holds it)</source>
        <translation>یک فایل برای هر گام: ⁦%1 … %2⁩ (نام انتخاب‌شده با ⁦-1 … -%3⁩ پیش از پسوند، یا به جای ⁦%d⁩ اگر نام آن را داشته باشد)</translation>
    </message>
</context>
<context>
    <name>attnlab::app::InputPanel</name>
    <message>
        <source>&amp;Sentence</source>
        <translation>&amp;جمله</translation>
    </message>
    <message>
        <source>&amp;Matrices</source>
        <translation>&amp;ماتریس‌ها</translation>
    </message>
    <message>
        <source>Type a sentence in any language</source>
        <translation>جمله‌ای به هر زبانی بنویسید</translation>
    </message>
    <message>
        <source>Optional: a second sentence to attend to</source>
        <translation>اختیاری: جملهٔ دومی که به آن توجه می‌شود</translation>
    </message>
    <message>
        <source>Source–target attention: queries come from the sentence, keys and values from this one</source>
        <translation>توجه مبدأ–مقصد: پرسش‌ها از جمله می‌آیند و کلیدها و مقدارها از این یکی</translation>
    </message>
    <message>
        <source>The built-in toy model has seeded random weights: it shows the mechanism, not meaning</source>
        <translation>وزن‌های مدل toy داخلی تصادفی با بذر ثابت‌اند: سازوکار را نشان می‌دهد، نه معنا را</translation>
    </message>
    <message>
        <source>d_model: must be a multiple of the number of heads</source>
        <translation>d_model: باید مضربی از تعداد سرها باشد</translation>
    </message>
    <message>
        <source>Sentence</source>
        <translation>جمله</translation>
    </message>
    <message>
        <source>Memory</source>
        <translation>حافظه</translation>
    </message>
    <message>
        <source>Model</source>
        <translation>مدل</translation>
    </message>
    <message>
        <source>Layers</source>
        <translation>لایه‌ها</translation>
    </message>
    <message>
        <source>Heads</source>
        <translation>سرها</translation>
    </message>
    <message>
        <source>Width d_model</source>
        <translation>پهنای d_model</translation>
    </message>
    <message>
        <source>Q, K, V</source>
        <translation>Q, K, V</translation>
    </message>
    <message>
        <source>X with W_q, W_k, W_v, W_o</source>
        <translation>X با W_q, W_k, W_v, W_o</translation>
    </message>
    <message>
        <source>X alone (Q = K = V = X)</source>
        <translation>فقط X (Q = K = V = X)</translation>
    </message>
    <message>
        <source>Heads split the columns of Q and K (or W_q, W_k) into equal blocks</source>
        <translation>سرها ستون‌های Q و K (یا W_q, W_k) را به بلوک‌های برابر تقسیم می‌کنند</translation>
    </message>
    <message>
        <source>e.g. 1/2 = 3/2 (use exp(1/2) ≈ 3/2 as the exam does)</source>
        <translation>مثلاً 1/2 = 3/2 (مانند امتحان، exp(1/2) ≈ 3/2 به کار می‌رود)</translation>
    </message>
    <message>
        <source>Approximations of exp used by the softmax, separated by semicolons</source>
        <translation>تقریب‌های exp که سافت‌مکس به کار می‌برد، جداشده با نقطه‌ویرگول</translation>
    </message>
    <message>
        <source>Input</source>
        <translation>ورودی</translation>
    </message>
    <message>
        <source>exp ≈</source>
        <translation>exp ≈</translation>
    </message>
    <message>
        <source>Toy model (untrained)</source>
        <translation>مدل toy (آموزش‌ندیده)</translation>
    </message>
    <message>
        <source>Open model…</source>
        <translation>باز کردن مدل…</translation>
    </message>
    <message>
        <source>X attending to M, with W_q, W_k, W_v</source>
        <translation>توجه X به M با W_q, W_k, W_v</translation>
    </message>
    <message>
        <source>x1 x2 …</source>
        <translation>x1 x2 …</translation>
    </message>
    <message>
        <source>Names of the query rows (of Q or X) for the views, separated by spaces</source>
        <translation>نام سطرهای پرسش (سطرهای Q یا X) برای نماها، جداشده با فاصله</translation>
    </message>
    <message>
        <source>Names of the key rows (of K or M) for the views, separated by spaces; without them keys that are the tokens take their names, others are numbered</source>
        <translation>نام سطرهای کلید (سطرهای K یا M) برای نماها، جداشده با فاصله؛ بدون آن‌ها کلیدهایی که همان توکن‌ها هستند نام آن‌ها را می‌گیرند و بقیه شماره می‌خورند</translation>
    </message>
    <message>
        <source>Tokens</source>
        <translation>توکن‌ها</translation>
    </message>
    <message>
        <source>Key tokens</source>
        <translation>توکن‌های کلید</translation>
    </message>
    <message>
        <source>The sentence whose attention is shown; words and punctuation become tokens. Return starts a new line, which a model reads as a newline token (shown as ↵); Tab leaves the field</source>
        <translation>جمله‌ای که توجه آن نشان داده می‌شود؛ واژه‌ها و نشانه‌ها توکن می‌شوند. ⁦Return⁩ سطر تازه‌ای آغاز می‌کند که مدل آن را توکن سطر تازه (با نماد ↵) می‌خواند؛ ⁦Tab⁩ از فیلد بیرون می‌رود</translation>
    </message>
    <message>
        <source>Add a folder of models…</source>
        <translation>افزودن پوشه‌ای از مدل‌ها…</translation>
    </message>
    <message>
        <source>List every model in a folder (a course&apos;s models folder) here</source>
        <translation>همهٔ مدل‌های یک پوشه (پوشهٔ مدل‌های یک درس) را اینجا فهرست می‌کند</translation>
    </message>
</context>
<context>
    <name>attnlab::app::LessonBrowser</name>
    <message>
        <source>Computing…</source>
        <translation>در حال محاسبه…</translation>
    </message>
    <message>
        <source>Lessons</source>
        <translation>درس‌ها</translation>
    </message>
    <message>
        <source>Each lesson opens its input, its view and a pane that walks through the steps.</source>
        <translation>هر درس ورودی، نما و پنلی را باز می‌کند که گام‌به‌گام آن را توضیح می‌دهد.</translation>
    </message>
    <message>
        <source>The language of the lessons&apos; titles and texts</source>
        <translation>زبان عنوان‌ها و متن‌های درس‌ها</translation>
    </message>
    <message>
        <source>&amp;Open</source>
        <translation>&amp;باز کردن</translation>
    </message>
    <message>
        <source>Added</source>
        <translation>افزوده</translation>
    </message>
    <message>
        <source>&amp;Add Lesson…</source>
        <translation>&amp;افزودن درس…</translation>
    </message>
    <message>
        <source>Check a lesson file (.attnlab-lesson) and keep a copy among your lessons, after the built-in ones</source>
        <translation>یک پروندهٔ درس (⁦.attnlab-lesson⁩) را بررسی می‌کند و رونوشتی از آن را پس از درس‌های داخلی، میان درس‌های شما نگه می‌دارد</translation>
    </message>
    <message>
        <source>&amp;Remove</source>
        <translation>&amp;حذف</translation>
    </message>
    <message>
        <source>Remove the selected lesson you added (its copy in your lessons folder)</source>
        <translation>درسی را که افزوده‌اید و برگزیده شده است حذف می‌کند (رونوشت آن در پوشهٔ درس‌های شما)</translation>
    </message>
    <message>
        <source>Add Lesson</source>
        <translation>افزودن درس</translation>
    </message>
    <message>
        <source>Lessons (*.attnlab-lesson *.json);;All files (*)</source>
        <translation>درس‌ها (*.attnlab-lesson *.json);;همهٔ پرونده‌ها (*)</translation>
    </message>
    <message>
        <source>Remove Lesson</source>
        <translation>حذف درس</translation>
    </message>
    <message>
        <source>Remove the lesson “%1” from your lessons? The file you added it from is not touched.</source>
        <translation>درس «%1» از درس‌های شما حذف شود؟ پرونده‌ای که آن را از آن افزوده‌اید دست نمی‌خورد.</translation>
    </message>
</context>
<context>
    <name>attnlab::app::LessonController</name>
    <message>
        <source>Lesson</source>
        <translation>درس</translation>
    </message>
    <message>
        <source>&amp;Lessons…</source>
        <translation>&amp;درس‌ها…</translation>
    </message>
    <message>
        <source>Built-in lessons: each opens its input, its view and a pane that walks through it</source>
        <translation>درس‌های داخلی: هر درس ورودی، نما و پنلی را باز می‌کند که گام‌به‌گام آن را توضیح می‌دهد</translation>
    </message>
    <message>
        <source>Lesson &amp;Pane</source>
        <translation>&amp;پنل درس</translation>
    </message>
    <message>
        <source>Open lesson</source>
        <translation>باز کردن درس</translation>
    </message>
    <message>
        <source>Exact exp</source>
        <translation>exp دقیق</translation>
    </message>
</context>
<context>
    <name>attnlab::app::LessonEditor</name>
    <message>
        <source>Lesson</source>
        <translation>درس</translation>
    </message>
    <message>
        <source>Lower-case words joined by hyphens, &quot;cat-on-mat&quot;: the name of the lesson&apos;s file and of --lesson ID</source>
        <translation>واژه‌های با حروف کوچک که با خط تیره به هم وصل شده‌اند، ⁦&quot;cat-on-mat&quot;⁩: نام پروندهٔ درس و نام آن در ⁦--lesson ID⁩</translation>
    </message>
    <message>
        <source>The languages every text is written in, separated by commas (en, ja, fa); the first is the fallback</source>
        <translation>زبان‌هایی که همهٔ متن‌ها به آن‌ها نوشته می‌شوند، جداشده با ویرگول ⁦(en, ja, fa)⁩؛ نخستین زبان جایگزین است</translation>
    </message>
    <message>
        <source>The language whose texts the fields below show and edit</source>
        <translation>زبانی که فیلدهای زیر متن‌هایش را نشان می‌دهند و ویرایش می‌کنند</translation>
    </message>
    <message>
        <source>Use the Window&apos;s Input</source>
        <translation>استفاده از ورودی پنجره</translation>
    </message>
    <message>
        <source>The lesson&apos;s input and first view become the main window&apos;s current ones</source>
        <translation>ورودی و نمای آغازین درس همان ورودی و نمای کنونی پنجرهٔ اصلی می‌شوند</translation>
    </message>
    <message>
        <source>Id:</source>
        <translation>شناسه:</translation>
    </message>
    <message>
        <source>Languages:</source>
        <translation>زبان‌ها:</translation>
    </message>
    <message>
        <source>Writing in:</source>
        <translation>نوشتن به زبان:</translation>
    </message>
    <message>
        <source>Title:</source>
        <translation>عنوان:</translation>
    </message>
    <message>
        <source>Summary:</source>
        <translation>خلاصه:</translation>
    </message>
    <message>
        <source>Input:</source>
        <translation>ورودی:</translation>
    </message>
    <message>
        <source>Steps</source>
        <translation>گام‌ها</translation>
    </message>
    <message>
        <source>&amp;Record Step</source>
        <translation>&amp;ثبت گام</translation>
    </message>
    <message>
        <source>Add a step that shows the main window&apos;s view, layer, head, query and stage as they are now</source>
        <translation>گامی بیفزایید که نما، لایه، سر، پرسش و مرحلهٔ کنونی پنجرهٔ اصلی را نشان دهد</translation>
    </message>
    <message>
        <source>Move &amp;Up</source>
        <translation>&amp;بالا بردن</translation>
    </message>
    <message>
        <source>Move &amp;Down</source>
        <translation>&amp;پایین بردن</translation>
    </message>
    <message>
        <source>De&amp;lete</source>
        <translation>&amp;حذف</translation>
    </message>
    <message>
        <source>The step&apos;s paragraph; with a question, the explanation shown once it is answered</source>
        <translation>بند این گام؛ اگر گام سؤالی دارد، توضیحی که پس از پاسخ نشان داده می‌شود</translation>
    </message>
    <message>
        <source>Presenter notes: shown on the lecturer&apos;s screen only</source>
        <translation>یادداشت‌های ارائه‌دهنده: فقط روی صفحهٔ مدرس نشان داده می‌شوند</translation>
    </message>
    <message>
        <source>Figure:</source>
        <translation>شکل:</translation>
    </message>
    <message>
        <source>Text:</source>
        <translation>متن:</translation>
    </message>
    <message>
        <source>Notes:</source>
        <translation>یادداشت‌ها:</translation>
    </message>
    <message>
        <source>Question</source>
        <translation>پرسش</translation>
    </message>
    <message>
        <source>None</source>
        <translation>هیچ</translation>
    </message>
    <message>
        <source>Which key does the query attend to most?</source>
        <translation>پرسش بیشترین توجه را به کدام کلید می‌کند؟</translation>
    </message>
    <message>
        <source>Which head links the query to a key?</source>
        <translation>کدام سر پرسش را به یک کلید پیوند می‌دهد؟</translation>
    </message>
    <message>
        <source>A number</source>
        <translation>یک عدد</translation>
    </message>
    <message>
        <source>One of several options</source>
        <translation>یکی از چند گزینه</translation>
    </message>
    <message>
        <source>The key token: its position (3) or its text (animal)</source>
        <translation>توکن کلید: جایگاهش ⁦(3)⁩ یا متنش ⁦(animal)⁩</translation>
    </message>
    <message>
        <source>A number or an expression (9/26, √2/2), or a row separated by commas (11, 5/2)</source>
        <translation>یک عدد یا عبارت ⁦(9/26, √2/2)⁩، یا یک سطر جداشده با ویرگول ⁦(11, 5/2)⁩</translation>
    </message>
    <message>
        <source>The largest difference from each entry that is still right; empty for 0.005, 0 for exactly</source>
        <translation>بیشترین اختلاف از هر درایه که هنوز درست است؛ خالی برای ⁦0.005⁩، ⁦0⁩ برای دقیقاً برابر</translation>
    </message>
    <message>
        <source>One option per line</source>
        <translation>هر گزینه در یک سطر</translation>
    </message>
    <message>
        <source>Kind:</source>
        <translation>نوع:</translation>
    </message>
    <message>
        <source>Prompt:</source>
        <translation>صورت سؤال:</translation>
    </message>
    <message>
        <source>Key:</source>
        <translation>کلید:</translation>
    </message>
    <message>
        <source>Answer:</source>
        <translation>پاسخ:</translation>
    </message>
    <message>
        <source>Tolerance:</source>
        <translation>رواداری:</translation>
    </message>
    <message>
        <source>Options:</source>
        <translation>گزینه‌ها:</translation>
    </message>
    <message>
        <source>Right option:</source>
        <translation>گزینهٔ درست:</translation>
    </message>
    <message>
        <source>Problems</source>
        <translation>اشکال‌ها</translation>
    </message>
    <message>
        <source>Save &amp;Anyway</source>
        <translation>&amp;ذخیره با این حال</translation>
    </message>
    <message>
        <source>Change the Id</source>
        <translation>تغییر شناسه</translation>
    </message>
    <message>
        <source>Change the Languages</source>
        <translation>تغییر زبان‌ها</translation>
    </message>
    <message>
        <source>Change the Title</source>
        <translation>تغییر عنوان</translation>
    </message>
    <message>
        <source>Change the Summary</source>
        <translation>تغییر خلاصه</translation>
    </message>
    <message>
        <source>Move the Step Up</source>
        <translation>بالا بردن گام</translation>
    </message>
    <message>
        <source>Move the Step Down</source>
        <translation>پایین بردن گام</translation>
    </message>
    <message>
        <source>Delete the Step</source>
        <translation>حذف گام</translation>
    </message>
    <message>
        <source>Write the Step&apos;s Text</source>
        <translation>نوشتن متن گام</translation>
    </message>
    <message>
        <source>Write the Presenter Notes</source>
        <translation>نوشتن یادداشت‌های ارائه‌دهنده</translation>
    </message>
    <message>
        <source>Change the Question</source>
        <translation>تغییر سؤال</translation>
    </message>
    <message>
        <source>&amp;Lesson</source>
        <translation>&amp;درس</translation>
    </message>
    <message>
        <source>&amp;New</source>
        <translation>&amp;جدید</translation>
    </message>
    <message>
        <source>A new lesson on the main window&apos;s input</source>
        <translation>درسی تازه بر ورودی پنجرهٔ اصلی</translation>
    </message>
    <message>
        <source>&amp;Open…</source>
        <translation>&amp;باز کردن…</translation>
    </message>
    <message>
        <source>Open Lesson</source>
        <translation>باز کردن درس</translation>
    </message>
    <message>
        <source>Lessons (*.attnlab-lesson *.json);;All files (*)</source>
        <translation>درس‌ها (*.attnlab-lesson *.json);;همهٔ پرونده‌ها (*)</translation>
    </message>
    <message>
        <source>&amp;Save</source>
        <translation>&amp;ذخیره</translation>
    </message>
    <message>
        <source>Save &amp;As…</source>
        <translation>ذخیره &amp;به نام…</translation>
    </message>
    <message>
        <source>&amp;Preview</source>
        <translation>&amp;پیش‌نمایش</translation>
    </message>
    <message>
        <source>Open this lesson in the main window, as it will be shown</source>
        <translation>این درس را همان‌گونه که نشان داده خواهد شد در پنجرهٔ اصلی باز کنید</translation>
    </message>
    <message>
        <source>&amp;Check</source>
        <translation>&amp;بررسی</translation>
    </message>
    <message>
        <source>List every problem saving would find</source>
        <translation>فهرست همهٔ اشکال‌هایی که ذخیره کردن می‌یابد</translation>
    </message>
    <message>
        <source>&amp;Close</source>
        <translation>&amp;بستن</translation>
    </message>
    <message>
        <source>&amp;Edit</source>
        <translation>&amp;ویرایش</translation>
    </message>
    <message>
        <source>&amp;Undo</source>
        <translation>&amp;واگرد</translation>
    </message>
    <message>
        <source>&amp;Redo</source>
        <translation>&amp;ازنو</translation>
    </message>
    <message>
        <source>Matrices (%1), opening in %2</source>
        <translation>ماتریس‌ها ⁦(%1)⁩، آغاز در %2</translation>
    </message>
    <message>
        <source>“%1” through %2, opening in %3</source>
        <translation>«⁨%1⁩» با ⁦%2⁩، آغاز در %3</translation>
    </message>
    <message>
        <source>layer %1</source>
        <translation>لایهٔ ⁦%1⁩</translation>
    </message>
    <message>
        <source>head %1</source>
        <translation>سر %1</translation>
    </message>
    <message>
        <source>query “%1”</source>
        <translation>پرسش «%1»</translation>
    </message>
    <message>
        <source>stage %1</source>
        <translation>مرحلهٔ ⁦%1⁩</translation>
    </message>
    <message>
        <source>(no text yet)</source>
        <translation>(هنوز متنی ندارد)</translation>
    </message>
    <message>
        <source>the figure as the step before leaves it</source>
        <translation>شکل همان‌گونه که گام پیشین گذاشته است</translation>
    </message>
    <message>
        <source>asks a question</source>
        <translation>سؤال می‌پرسد</translation>
    </message>
    <message>
        <source>Step %1 of %2</source>
        <translation>گام ⁦%1⁩ از ⁦%2⁩</translation>
    </message>
    <message>
        <source>Step</source>
        <translation>گام</translation>
    </message>
    <message>
        <source>Record a step: set up the main window&apos;s view and selection, then press Record Step.</source>
        <translation>برای ثبت گام، نما و انتخاب پنجرهٔ اصلی را آماده کنید و سپس «ثبت گام» را بزنید.</translation>
    </message>
    <message>
        <source>%1[*] — Lesson Editor</source>
        <translation>⁦%1⁩[*] — ویرایشگر درس</translation>
    </message>
    <message>
        <source>Cannot read %1: %2</source>
        <translation>⁦%1⁩ خوانده نمی‌شود: %2</translation>
    </message>
    <message>
        <source>Record a Step</source>
        <translation>ثبت گام</translation>
    </message>
    <message>
        <source>No problems: the lesson is ready to save.</source>
        <translation>اشکالی نیست: درس آمادهٔ ذخیره است.</translation>
    </message>
    <message>
        <source>The lesson was not saved: correct the problems below, or save it as it is.</source>
        <translation>درس ذخیره نشد: اشکال‌های زیر را درست کنید یا آن را همین‌گونه ذخیره کنید.</translation>
    </message>
    <message>
        <source>What saving would find:</source>
        <translation>آنچه ذخیره کردن می‌یابد:</translation>
    </message>
    <message>
        <source>Save Lesson</source>
        <translation>ذخیرهٔ درس</translation>
    </message>
    <message>
        <source>Lessons (*.attnlab-lesson);;All files (*)</source>
        <translation>درس‌ها (*.attnlab-lesson);;همهٔ پرونده‌ها (*)</translation>
    </message>
    <message>
        <source>Saved %1</source>
        <translation>در ⁦%1⁩ ذخیره شد</translation>
    </message>
    <message>
        <source>The lesson is open in the main window.</source>
        <translation>درس در پنجرهٔ اصلی باز است.</translation>
    </message>
    <message>
        <source>Lesson Editor</source>
        <translation>ویرایشگر درس</translation>
    </message>
    <message>
        <source>The lesson “%1” has changes that are not saved.</source>
        <translation>درس «⁦%1⁩» تغییرهای ذخیره‌نشده دارد.</translation>
    </message>
</context>
<context>
    <name>attnlab::app::LessonPanel</name>
    <message>
        <source>◀ &amp;Previous</source>
        <translation>◀ &amp;قبلی</translation>
    </message>
    <message>
        <source>The previous step of the lesson (Alt+P)</source>
        <translation>گام قبلی درس (Alt+P)</translation>
    </message>
    <message>
        <source>&amp;Next ▶</source>
        <translation>&amp;بعدی ▶</translation>
    </message>
    <message>
        <source>The next step of the lesson (Alt+N)</source>
        <translation>گام بعدی درس (Alt+N)</translation>
    </message>
    <message>
        <source>No lesson open: Help ▸ Lessons…</source>
        <translation>هیچ درسی باز نیست: راهنما ▸ درس‌ها…</translation>
    </message>
    <message>
        <source>Step %1 of %2</source>
        <translation>گام %1 از %2</translation>
    </message>
    <message>
        <source>T&amp;rain This Model…</source>
        <translation>&amp;آموزش این مدل…</translation>
    </message>
    <message>
        <source>Open the Train window (Tools ▸ Train a Model…) set to this lesson&apos;s task and model size (Alt+R)</source>
        <translation>پنجرهٔ آموزش (ابزارها ▸ آموزش یک مدل…) را با وظیفه و اندازهٔ مدلِ این درس باز می‌کند</translation>
    </message>
    <message>
        <source>Score: %1 of %2</source>
        <translation>امتیاز: %1 از %2</translation>
    </message>
</context>
<context>
    <name>attnlab::app::LessonQuestionBox</name>
    <message>
        <source>layer %1, head %2</source>
        <translation>لایهٔ %1، سر %2</translation>
    </message>
    <message>
        <source>Right</source>
        <translation>درست است</translation>
    </message>
    <message>
        <source>Not quite: the answer is %1</source>
        <translation>نه کاملاً: پاسخ ⁦%1⁩ است</translation>
    </message>
    <message>
        <source>The answer is %1</source>
        <translation>پاسخ ⁦%1⁩ است</translation>
    </message>
    <message>
        <source>a number, a fraction such as 3/7, or a row such as 3, 7/2</source>
        <translation>یک عدد، کسری مانند ⁦3/7⁩ یا سطری مانند ⁦3, 7/2⁩</translation>
    </message>
    <message>
        <source>&amp;Check</source>
        <translation>&amp;بررسی</translation>
    </message>
    <message>
        <source>Check your answer (Return)</source>
        <translation>پاسخ خود را بررسی کنید (Return)</translation>
    </message>
    <message>
        <source>Reve&amp;al</source>
        <translation>&amp;نمایش پاسخ</translation>
    </message>
    <message>
        <source>Show the answer without grading: for the lecturer</source>
        <translation>پاسخ را بدون نمره دادن نشان می‌دهد: برای مدرس</translation>
    </message>
    <message>
        <source>Click the key in the figure: a column of the heatmap or a token of the arcs.</source>
        <translation>روی کلید در شکل کلیک کنید: ستونی از نقشهٔ حرارتی یا توکنی از کمان‌ها.</translation>
    </message>
    <message>
        <source>Click the head in the figure.</source>
        <translation>روی سر در شکل کلیک کنید.</translation>
    </message>
    <message>
        <source>Type your answer and press Check.</source>
        <translation>پاسخ خود را بنویسید و «بررسی» را بزنید.</translation>
    </message>
    <message>
        <source>Choose one and press Check.</source>
        <translation>یکی را انتخاب کنید و «بررسی» را بزنید.</translation>
    </message>
    <message>
        <source>Choose an option first.</source>
        <translation>اول یک گزینه را انتخاب کنید.</translation>
    </message>
</context>
<context>
    <name>attnlab::app::MainWindow</name>
    <message>
        <source>Input</source>
        <translation>ورودی</translation>
    </message>
    <message>
        <source>Model</source>
        <translation>مدل</translation>
    </message>
    <message>
        <source>Cancel</source>
        <translation>لغو</translation>
    </message>
    <message>
        <source>Stop waiting for this model and keep the current one</source>
        <translation>منتظر این مدل نمان و مدل فعلی را نگه دار</translation>
    </message>
    <message>
        <source>Load</source>
        <translation>بارگذاری</translation>
    </message>
    <message>
        <source>Typing</source>
        <translation>تایپ</translation>
    </message>
    <message>
        <source>Edit input</source>
        <translation>ویرایش ورودی</translation>
    </message>
    <message>
        <source>Change settings</source>
        <translation>تغییر تنظیمات</translation>
    </message>
    <message>
        <source>Cannot open the model</source>
        <translation>مدل باز نمی‌شود</translation>
    </message>
    <message>
        <source>Loading %1…</source>
        <translation>در حال بارگذاری %1…</translation>
    </message>
    <message>
        <source>Figure copied to the clipboard</source>
        <translation>شکل در کلیپ‌بورد کپی شد</translation>
    </message>
    <message>
        <source>&amp;File</source>
        <translation>&amp;پرونده</translation>
    </message>
    <message>
        <source>Open &amp;Model…</source>
        <translation>باز کردن &amp;مدل…</translation>
    </message>
    <message>
        <source>Load a Hugging Face model folder (config.json + model.safetensors) or a llama2.c .bin</source>
        <translation>بارگذاری پوشهٔ مدل Hugging Face (config.json + model.safetensors) یا یک پروندهٔ .bin از llama2.c</translation>
    </message>
    <message>
        <source>&amp;Export Figure…</source>
        <translation>&amp;خروجی گرفتن از شکل…</translation>
    </message>
    <message>
        <source>Export &amp;Matrices…</source>
        <translation>خروجی گرفتن از &amp;ماتریس‌ها…</translation>
    </message>
    <message>
        <source>Load the &amp;Exam Problem</source>
        <translation>بارگذاری مسئلهٔ &amp;امتحان</translation>
    </message>
    <message>
        <source>&amp;Quit</source>
        <translation>&amp;خروج</translation>
    </message>
    <message>
        <source>&amp;Edit</source>
        <translation>&amp;ویرایش</translation>
    </message>
    <message>
        <source>&amp;Undo</source>
        <translation>&amp;واگرد</translation>
    </message>
    <message>
        <source>&amp;Redo</source>
        <translation>&amp;ازنو</translation>
    </message>
    <message>
        <source>&amp;Copy Figure</source>
        <translation>&amp;کپی شکل</translation>
    </message>
    <message>
        <source>Edit the &amp;Sentence</source>
        <translation>ویرایش &amp;جمله</translation>
    </message>
    <message>
        <source>&amp;View</source>
        <translation>&amp;نما</translation>
    </message>
    <message>
        <source>&amp;Dark Theme</source>
        <translation>پوستهٔ &amp;تیره</translation>
    </message>
    <message>
        <source>&amp;Presentation Mode</source>
        <translation>حالت &amp;ارائه</translation>
    </message>
    <message>
        <source>&amp;Colour Map</source>
        <translation>&amp;نقشهٔ رنگ</translation>
    </message>
    <message>
        <source>&amp;Full Screen</source>
        <translation>&amp;تمام‌صفحه</translation>
    </message>
    <message>
        <source>&amp;Navigate</source>
        <translation>&amp;پیمایش</translation>
    </message>
    <message>
        <source>Next Head</source>
        <translation>سر بعدی</translation>
    </message>
    <message>
        <source>Previous Head</source>
        <translation>سر قبلی</translation>
    </message>
    <message>
        <source>Next Layer</source>
        <translation>لایهٔ بعدی</translation>
    </message>
    <message>
        <source>Previous Layer</source>
        <translation>لایهٔ قبلی</translation>
    </message>
    <message>
        <source>Next Query Token</source>
        <translation>توکن پرسش بعدی</translation>
    </message>
    <message>
        <source>Previous Query Token</source>
        <translation>توکن پرسش قبلی</translation>
    </message>
    <message>
        <source>&amp;Help</source>
        <translation>&amp;راهنما</translation>
    </message>
    <message>
        <source>&amp;About AttnLab</source>
        <translation>&amp;دربارهٔ AttnLab</translation>
    </message>
    <message>
        <source>About AttnLab</source>
        <translation>دربارهٔ AttnLab</translation>
    </message>
    <message>
        <source>&lt;b&gt;AttnLab&lt;/b&gt; %1&lt;p&gt;See how transformer attention works: QKᵀ → ÷√d_k → mask → softmax → ×V, exactly, per head and per layer.&lt;/p&gt;</source>
        <translation>&lt;b&gt;AttnLab&lt;/b&gt; %1&lt;p&gt;ببینید توجه در ترنسفورمر چگونه کار می‌کند: ضرب QKᵀ، تقسیم بر √d_k، ماسک، سافت‌مکس و ضرب در V، با مقدارهای دقیق، برای هر سر و هر لایه.&lt;/p&gt;</translation>
    </message>
    <message>
        <source>&amp;Download Model…</source>
        <translation>&amp;بارگیری مدل…</translation>
    </message>
    <message>
        <source>⚠ The current input did not run (the status bar says why): the views show the previous input&apos;s result, dimmed.</source>
        <translation>⚠ ورودی فعلی اجرا نشد (نوار وضعیت دلیلش را می‌گوید): نماها نتیجهٔ ورودی قبلی را کم‌رنگ نشان می‌دهند.</translation>
    </message>
    <message>
        <source>Open session</source>
        <translation>باز کردن جلسه</translation>
    </message>
    <message>
        <source>Fetch a known model (GPT-2, BERT, DistilBERT, RoBERTa, Pythia, SmolLM2, Qwen2.5, Llama 3.2, Gemma 3) or a Hub repository into the Hugging Face cache</source>
        <translation>دریافت یک مدل شناخته‌شده (GPT-2، BERT، DistilBERT، RoBERTa، Pythia، SmolLM2، Qwen2.5، Llama 3.2، Gemma 3) یا یک مخزن Hub در حافظهٔ نهان Hugging Face</translation>
    </message>
    <message>
        <source>layer %1 of %2</source>
        <translation>لایهٔ ⁦%1⁩ از ⁦%2⁩</translation>
    </message>
    <message>
        <source>all heads</source>
        <translation>همهٔ سرها</translation>
    </message>
    <message>
        <source>head %1 of %2</source>
        <translation>سر ⁦%1⁩ از ⁦%2⁩</translation>
    </message>
    <message>
        <source>query “%1”</source>
        <translation>پرسش «%1»</translation>
    </message>
    <message>
        <source>The figure fills the window with large fonts and thick lines, for a projector (F5; Esc leaves)</source>
        <translation>شکل با قلم‌های بزرگ و خط‌های ضخیم همهٔ پنجره را می‌گیرد، برای ویدئوپروژکتور (⁦F5⁩؛ ⁦Esc⁩ برای خروج)</translation>
    </message>
    <message>
        <source>Lesson &amp;Caption in Presentation</source>
        <translation>&amp;زیرنویس درس در حالت ارائه</translation>
    </message>
    <message>
        <source>Show the lesson&apos;s current paragraph under the figure in presentation mode</source>
        <translation>در حالت ارائه، بند کنونی درس را زیر شکل نشان می‌دهد</translation>
    </message>
    <message>
        <source>Next Lesson Paragraph</source>
        <translation>بند بعدی درس</translation>
    </message>
    <message>
        <source>Previous Lesson Paragraph</source>
        <translation>بند قبلی درس</translation>
    </message>
    <message>
        <source>&amp;Keyboard Shortcuts</source>
        <translation>&amp;میان‌برهای صفحه‌کلید</translation>
    </message>
    <message>
        <source>Every key of the window on one sheet, to print or save as PDF</source>
        <translation>همهٔ کلیدهای پنجره در یک برگه، برای چاپ یا ذخیره به‌صورت ⁦PDF⁩</translation>
    </message>
    <message>
        <source>Add a &amp;Folder of Models…</source>
        <translation>افزودن &amp;پوشه‌ای از مدل‌ها…</translation>
    </message>
    <message>
        <source>List every model in a folder (a course&apos;s models folder) in the model list</source>
        <translation>همهٔ مدل‌های یک پوشه (پوشهٔ مدل‌های یک درس) را در فهرست مدل‌ها می‌آورد</translation>
    </message>
    <message>
        <source>Add a Folder of Models</source>
        <translation>افزودن پوشه‌ای از مدل‌ها</translation>
    </message>
    <message>
        <source>No models in this folder</source>
        <translation>این پوشه مدلی ندارد</translation>
    </message>
    <message>
        <source>%1 holds no model AttnLab can open: a model is a folder with config.json and model.safetensors, or a llama2.c .bin.</source>
        <translation>⁦%1⁩ مدلی ندارد که ⁦AttnLab⁩ بتواند باز کند: مدل پوشه‌ای با ⁦config.json⁩ و ⁦model.safetensors⁩ است، یا یک فایل ⁦.bin⁩ از ⁦llama2.c⁩.</translation>
    </message>
    <message>
        <source>Added to the model list from %1: %2</source>
        <translation>از ⁦%1⁩ به فهرست مدل‌ها افزوده شد: ⁦%2⁩</translation>
    </message>
    <message>
        <source>Colour &amp;Scale</source>
        <translation>&amp;مقیاس رنگ</translation>
    </message>
    <message>
        <source>&amp;Fixed (0–1)</source>
        <translation>&amp;ثابت (⁦0–1⁩)</translation>
    </message>
    <message>
        <source>To the Matrix &amp;Maximum</source>
        <translation>تا &amp;بیشینهٔ ماتریس</translation>
    </message>
    <message>
        <source>&amp;Logarithmic (0.001–1)</source>
        <translation>&amp;لگاریتمی (⁦0.001–1⁩)</translation>
    </message>
    <message>
        <source>&amp;Tools</source>
        <translation>&amp;ابزارها</translation>
    </message>
    <message>
        <source>&amp;Train a Model…</source>
        <translation>&amp;آموزش یک مدل…</translation>
    </message>
    <message>
        <source>Train a small transformer on a task and watch its attention heads form</source>
        <translation>یک ترنسفورمر کوچک را روی یک وظیفه آموزش دهید و شکل‌گرفتن سرهای توجه آن را ببینید</translation>
    </message>
    <message>
        <source>Switch Head %1 Back On</source>
        <translation>روشن کردن دوبارهٔ سر %1</translation>
    </message>
    <message>
        <source>Switch Head %1 Off</source>
        <translation>خاموش کردن سر %1</translation>
    </message>
    <message>
        <source>Switch the MLP of Layer %1 Back On</source>
        <translation>روشن کردن دوبارهٔ ⁦MLP⁩ لایهٔ %1</translation>
    </message>
    <message>
        <source>Switch the MLP of Layer %1 Off</source>
        <translation>خاموش کردن ⁦MLP⁩ لایهٔ %1</translation>
    </message>
    <message>
        <source>Switch All Back On</source>
        <translation>روشن کردن دوبارهٔ همه</translation>
    </message>
    <message>
        <source>Change How Parts Are Switched Off</source>
        <translation>تغییر شیوهٔ خاموش کردن</translation>
    </message>
    <message>
        <source>A&amp;blation</source>
        <translation>&amp;خاموش‌سازی</translation>
    </message>
    <message>
        <source>Switch the head shown off, or back on: the model runs without it</source>
        <translation>سر نمایش‌داده‌شده را خاموش یا دوباره روشن کنید: مدل بدون آن دوباره اجرا می‌شود</translation>
    </message>
    <message>
        <source>Set Their Output to &amp;Zero</source>
        <translation>&amp;صفر کردن خروجی آن‌ها</translation>
    </message>
    <message>
        <source>Replace Their Output by Its &amp;Mean over the Input</source>
        <translation>جایگزینی خروجی آن‌ها با &amp;میانگینش روی ورودی</translation>
    </message>
    <message>
        <source>Switch All Back &amp;On</source>
        <translation>&amp;روشن کردن دوبارهٔ همه</translation>
    </message>
    <message>
        <source>Switch the Shown Head Off (choose one head)</source>
        <translation>خاموش کردن سر نمایش‌داده‌شده (یک سر را انتخاب کنید)</translation>
    </message>
    <message>
        <source>Head %1 Is Off</source>
        <translation>سر %1 خاموش است</translation>
    </message>
    <message>
        <source>The MLP of Layer %1 Is Off</source>
        <translation>⁦MLP⁩ لایهٔ %1 خاموش است</translation>
    </message>
    <message>
        <source>Compare</source>
        <translation>مقایسه</translation>
    </message>
    <message>
        <source>Save the current view (or the comparison) as PNG, SVG or PDF</source>
        <translation>ذخیرهٔ نمای کنونی (یا مقایسه) به‌صورت ⁦PNG⁩، ⁦SVG⁩ یا ⁦PDF⁩</translation>
    </message>
    <message>
        <source>Open &amp;Lesson…</source>
        <translation>باز کردن &amp;درس…</translation>
    </message>
    <message>
        <source>Open Lesson</source>
        <translation>باز کردن درس</translation>
    </message>
    <message>
        <source>Lessons (*.attnlab-lesson *.json);;All files (*)</source>
        <translation>درس‌ها (*.attnlab-lesson *.json);;همهٔ پرونده‌ها (*)</translation>
    </message>
    <message>
        <source>Open a lesson file (.attnlab-lesson) and start it; docs/LESSONS.md describes the format</source>
        <translation>یک پروندهٔ درس (⁦.attnlab-lesson⁩) را باز می‌کند و آغاز می‌کند؛ قالب آن در ⁦docs/LESSONS.md⁩ آمده است</translation>
    </message>
    <message>
        <source>Presenter &amp;Notes</source>
        <translation>&amp;یادداشت‌های ارائه‌دهنده</translation>
    </message>
    <message>
        <source>The lesson&apos;s presenter notes, for your eyes only: a window on the other screen, or while presenting on one screen a strip over the figure (Ctrl+Alt+N shows and hides it)</source>
        <translation>یادداشت‌های ارائه‌دهندهٔ درس، فقط برای خود شما: پنجره‌ای روی صفحهٔ دیگر، یا هنگام ارائه با یک صفحه، نواری روی شکل (⁦Ctrl+Alt+N⁩ آن را نشان می‌دهد و پنهان می‌کند)</translation>
    </message>
    <message>
        <source>Lesson &amp;Editor…</source>
        <translation>&amp;ویرایشگر درس…</translation>
    </message>
    <message>
        <source>Write a lesson: record the window&apos;s input, view and selection as steps, write their texts and questions, save a .attnlab-lesson file</source>
        <translation>نوشتن درس: ورودی، نما و انتخاب پنجره را به‌صورت گام ثبت کنید، متن‌ها و سؤال‌هایشان را بنویسید و پروندهٔ ⁦.attnlab-lesson⁩ ذخیره کنید</translation>
    </message>
</context>
<context>
    <name>attnlab::app::ModelFileDialog</name>
    <message>
        <source>Open Model</source>
        <translation>باز کردن مدل</translation>
    </message>
    <message>
        <source>Models (config.json model.safetensors model.safetensors.index.json *.bin)</source>
        <translation>مدل‌ها (config.json model.safetensors model.safetensors.index.json *.bin)</translation>
    </message>
    <message>
        <source>All files (*)</source>
        <translation>همهٔ فایل‌ها (*)</translation>
    </message>
    <message>
        <source>Model folder or file:</source>
        <translation>پوشه یا فایل مدل:</translation>
    </message>
    <message>
        <source>Not a model</source>
        <translation>مدل نیست</translation>
    </message>
    <message>
        <source>%1 is not a model AttnLab can open: choose a folder with config.json and model.safetensors (or a file in it), or a llama2.c .bin.</source>
        <translation>⁦%1⁩ مدلی نیست که ⁦AttnLab⁩ بتواند باز کند: پوشه‌ای با ⁦config.json⁩ و ⁦model.safetensors⁩ (یا فایلی در آن) یا یک فایل ⁦.bin⁩ از ⁦llama2.c⁩ را برگزینید.</translation>
    </message>
</context>
<context>
    <name>attnlab::app::ModelInfoPanel</name>
    <message>
        <source>%1 (%2 key/value heads, grouped)</source>
        <translation>%1 (%2 سر کلید/مقدار، گروه‌بندی‌شده)</translation>
    </message>
    <message>
        <source>Model</source>
        <translation>مدل</translation>
    </message>
    <message>
        <source>Architecture</source>
        <translation>معماری</translation>
    </message>
    <message>
        <source>Layers</source>
        <translation>لایه‌ها</translation>
    </message>
    <message>
        <source>Heads</source>
        <translation>سرها</translation>
    </message>
    <message>
        <source>Width d_model</source>
        <translation>پهنای d_model</translation>
    </message>
    <message>
        <source>%1 (d_k = %2 per head)</source>
        <translation>%1 (d_k = %2 برای هر سر)</translation>
    </message>
    <message>
        <source>FFN width d_ff</source>
        <translation>پهنای FFN، d_ff</translation>
    </message>
    <message>
        <source>Vocabulary</source>
        <translation>واژگان</translation>
    </message>
    <message>
        <source>Context</source>
        <translation>طول زمینه</translation>
    </message>
    <message>
        <source>%1 tokens</source>
        <translation>%1 توکن</translation>
    </message>
    <message>
        <source>Parameters</source>
        <translation>پارامترها</translation>
    </message>
    <message>
        <source>Memory</source>
        <translation>حافظه</translation>
    </message>
    <message>
        <source>%1 (float32)</source>
        <translation>%1 (float32)</translation>
    </message>
    <message>
        <source>Folder</source>
        <translation>پوشه</translation>
    </message>
    <message>
        <source>Tokenizer</source>
        <translation>توکن‌ساز</translation>
    </message>
    <message>
        <source>GPT-2 (decoder)</source>
        <translation>GPT-2 (رمزگشا)</translation>
    </message>
    <message>
        <source>BERT (encoder)</source>
        <translation>BERT (رمزگذار)</translation>
    </message>
    <message>
        <source>Llama (decoder)</source>
        <translation>Llama (رمزگشا)</translation>
    </message>
    <message>
        <source>pre-norm LayerNorm, GELU</source>
        <translation>LayerNorm پیش از زیرلایه، GELU</translation>
    </message>
    <message>
        <source>post-norm LayerNorm, GELU</source>
        <translation>LayerNorm پس از زیرلایه، GELU</translation>
    </message>
    <message>
        <source>pre-norm RMSNorm, SwiGLU</source>
        <translation>RMSNorm پیش از زیرلایه، SwiGLU</translation>
    </message>
    <message>
        <source>RoPE (rotated queries and keys)</source>
        <translation>RoPE (چرخش پرسش‌ها و کلیدها)</translation>
    </message>
    <message>
        <source>learned, added to the embeddings</source>
        <translation>آموخته‌شده، افزوده به بردارهای تعبیه</translation>
    </message>
    <message>
        <source>Attention</source>
        <translation>توجه</translation>
    </message>
    <message>
        <source>causal</source>
        <translation>علّی</translation>
    </message>
    <message>
        <source>bidirectional</source>
        <translation>دوسویه</translation>
    </message>
    <message>
        <source>Positions</source>
        <translation>موقعیت‌ها</translation>
    </message>
    <message>
        <source>Block</source>
        <translation>بلوک</translation>
    </message>
    <message>
        <source>Toy model (untrained)</source>
        <translation>مدل toy (آموزش‌ندیده)</translation>
    </message>
    <message>
        <source>Typed matrices: one attention layer</source>
        <translation>ماتریس‌های واردشده: یک لایهٔ توجه</translation>
    </message>
    <message>
        <source>Mistral (decoder)</source>
        <translation>Mistral (رمزگشا)</translation>
    </message>
    <message>
        <source>Qwen2 (decoder)</source>
        <translation>Qwen2 (رمزگشا)</translation>
    </message>
    <message>
        <source>Qwen3 (decoder)</source>
        <translation>Qwen3 (رمزگشا)</translation>
    </message>
    <message>
        <source>Gemma 3 (decoder)</source>
        <translation>Gemma 3 (رمزگشا)</translation>
    </message>
    <message>
        <source>q/k/v biases</source>
        <translation>بایاس‌های q/k/v</translation>
    </message>
    <message>
        <source>output bias</source>
        <translation>بایاس خروجی</translation>
    </message>
    <message>
        <source>MLP biases</source>
        <translation>بایاس‌های MLP</translation>
    </message>
    <message>
        <source>embeddings × √d</source>
        <translation>تعبیه‌ها × √d</translation>
    </message>
    <message>
        <source>, </source>
        <translation>، </translation>
    </message>
    <message>
        <source>RoPE, base %1</source>
        <translation>RoPE، پایه %1</translation>
    </message>
    <message>
        <source>; scores × 1/√%1</source>
        <translation>؛ امتیازها × 1/√%1</translation>
    </message>
    <message>
        <source>Additions</source>
        <translation>افزوده‌ها</translation>
    </message>
    <message>
        <source>RoBERTa (encoder)</source>
        <translation>RoBERTa (رمزگذار)</translation>
    </message>
    <message>
        <source>DistilBERT (encoder)</source>
        <translation>DistilBERT (رمزگذار)</translation>
    </message>
    <message>
        <source>GPT-NeoX (decoder)</source>
        <translation>GPT-NeoX (رمزگشا)</translation>
    </message>
    <message>
        <source>RMSNorm before and after, GeGLU</source>
        <translation>RMSNorm پیش و پس، GeGLU</translation>
    </message>
    <message>
        <source>q/k norms</source>
        <translation>نرمال‌سازی q/k</translation>
    </message>
    <message>
        <source>parallel residual</source>
        <translation>باقی‌ماندهٔ موازی</translation>
    </message>
    <message>
        <source>, %1 of %2 features</source>
        <translation>، %1 از %2 ویژگی</translation>
    </message>
    <message>
        <source>, llama3 ×%1</source>
        <translation>، llama3 ×%1</translation>
    </message>
    <message>
        <source>, linear ×%1</source>
        <translation>، خطی ×%1</translation>
    </message>
    <message>
        <source>Sliding window</source>
        <translation>پنجرهٔ لغزان</translation>
    </message>
    <message>
        <source>%1 tokens, every layer</source>
        <translation>%1 توکن، همهٔ لایه‌ها</translation>
    </message>
    <message>
        <source>%1 tokens, %2 of %3 layers</source>
        <translation>%1 توکن، %2 لایه از %3</translation>
    </message>
    <message>
        <source>Sliding layers&apos; RoPE</source>
        <translation>RoPE لایه‌های پنجره‌ای</translation>
    </message>
    <message>
        <source>base %1</source>
        <translation>پایه %1</translation>
    </message>
    <message>
        <source>%1 (one key/value head, shared)</source>
        <translation>%1 (یک سر کلید/مقدار مشترک)</translation>
    </message>
    <message>
        <source>%1 (16-bit as stored; float32 a layer at a time)</source>
        <translation>%1 (همان ۱۶ بیتیِ ذخیره‌شده؛ هر بار یک لایه به float32)</translation>
    </message>
</context>
<context>
    <name>attnlab::app::OrthogonalInputsExtra</name>
    <message>
        <source>The norm c = ‖x_n‖ of every input</source>
        <translation>نُرم c = ‖x_n‖ هر ورودی</translation>
    </message>
    <message>
        <source>Norm c</source>
        <translation>نُرم c</translation>
    </message>
    <message>
        <source>norm c = ‖xₙ‖</source>
        <translation>نُرم c = ‖xₙ‖</translation>
    </message>
    <message>
        <source>max ‖yₙ − xₙ‖</source>
        <translation>max ‖yₙ − xₙ‖</translation>
    </message>
    <message>
        <source>At c = %1 every output moves at most &lt;b&gt;%2&lt;/b&gt; from its input: the larger the norm, the more each token attends only to itself.</source>
        <translation>در c = %1 هر خروجی حداکثر &lt;b&gt;%2&lt;/b&gt; از ورودی خود فاصله می‌گیرد: هرچه نُرم بزرگ‌تر باشد، هر توکن بیشتر فقط به خودش توجه می‌کند.</translation>
    </message>
</context>
<context>
    <name>attnlab::app::PresentationMode</name>
    <message>
        <source>Leave presentation (Esc)</source>
        <translation>خروج از ارائه (⁦Esc⁩)</translation>
    </message>
    <message>
        <source>Ctrl+1…9 views · Ctrl+←/→ heads · Ctrl+↑/↓ layers · Alt+←/→ query · ←/→ steps · Page Up/Down lesson · Ctrl+T caption · F11 full screen</source>
        <translation>⁦Ctrl+1…9⁩ نماها · ⁦Ctrl+←/→⁩ سرها · ⁦Ctrl+↑/↓⁩ لایه‌ها · ⁦Alt+←/→⁩ پرسش · ⁦←/→⁩ گام‌ها · ⁦Page Up/Down⁩ درس · ⁦Ctrl+T⁩ زیرنویس · ⁦F11⁩ تمام‌صفحه</translation>
    </message>
</context>
<context>
    <name>attnlab::app::PresenterWindow</name>
    <message>
        <source>Step %1 · %2</source>
        <translation>گام %1 · %2</translation>
    </message>
    <message>
        <source>No notes for this step.</source>
        <translation>این گام یادداشتی ندارد.</translation>
    </message>
    <message>
        <source>Answer: %1</source>
        <translation>پاسخ: %1</translation>
    </message>
    <message>
        <source>Next: %1</source>
        <translation>بعدی: %1</translation>
    </message>
    <message>
        <source>Last step.</source>
        <translation>آخرین گام.</translation>
    </message>
    <message>
        <source>No lesson is open</source>
        <translation>هیچ درسی باز نیست</translation>
    </message>
    <message>
        <source>Open a lesson (Help ▸ Lessons…, File ▸ Open Lesson…): its presenter notes show here.</source>
        <translation>یک درس باز کنید (راهنما ▸ درس‌ها…، پرونده ▸ باز کردن درس…): یادداشت‌های ارائه‌دهندهٔ آن اینجا نشان داده می‌شود.</translation>
    </message>
    <message>
        <source>Presenter Notes — AttnLab</source>
        <translation>یادداشت‌های ارائه‌دهنده — AttnLab</translation>
    </message>
</context>
<context>
    <name>attnlab::app::SessionController</name>
    <message>
        <source>Cannot open the session</source>
        <translation>نشست باز نمی‌شود</translation>
    </message>
    <message>
        <source>Session opened with changes</source>
        <translation>نشست با تغییراتی باز شد</translation>
    </message>
    <message>
        <source>Cannot save the session</source>
        <translation>نشست ذخیره نمی‌شود</translation>
    </message>
    <message>
        <source>Saved %1</source>
        <translation>%1 ذخیره شد</translation>
    </message>
    <message>
        <source>/untitled.attnlab</source>
        <translation>/بی‌نام.attnlab</translation>
    </message>
    <message>
        <source>Save Session</source>
        <translation>ذخیرهٔ نشست</translation>
    </message>
    <message>
        <source>AttnLab sessions (*.attnlab)</source>
        <translation>نشست‌های AttnLab (*.attnlab)</translation>
    </message>
    <message>
        <source>Open Session</source>
        <translation>باز کردن نشست</translation>
    </message>
    <message>
        <source>AttnLab sessions (*.attnlab);;All files (*)</source>
        <translation>نشست‌های AttnLab (*.attnlab);;همهٔ پرونده‌ها (*)</translation>
    </message>
    <message>
        <source>the untitled session</source>
        <translation>نشست بی‌نام</translation>
    </message>
    <message>
        <source>Unsaved changes</source>
        <translation>تغییرات ذخیره‌نشده</translation>
    </message>
    <message>
        <source>Save the changes to %1?</source>
        <translation>تغییرات %1 ذخیره شود؟</translation>
    </message>
    <message>
        <source>Autosave failed: %1</source>
        <translation>ذخیرهٔ خودکار ناموفق بود: %1</translation>
    </message>
    <message>
        <source>Restore unsaved work?</source>
        <translation>کار ذخیره‌نشده بازیابی شود؟</translation>
    </message>
    <message>
        <source>AttnLab did not close normally last time. Restore the work autosaved at %1?</source>
        <translation>AttnLab دفعهٔ پیش به‌درستی بسته نشد. کاری که در %1 خودکار ذخیره شد بازیابی شود؟</translation>
    </message>
    <message>
        <source>Restore</source>
        <translation>بازیابی</translation>
    </message>
    <message>
        <source>&amp;New Session</source>
        <translation>نشست &amp;جدید</translation>
    </message>
    <message>
        <source>&amp;Open Session…</source>
        <translation>&amp;باز کردن نشست…</translation>
    </message>
    <message>
        <source>Open &amp;Recent</source>
        <translation>باز کردن &amp;اخیر</translation>
    </message>
    <message>
        <source>&amp;Save Session</source>
        <translation>&amp;ذخیرهٔ نشست</translation>
    </message>
    <message>
        <source>Save Session &amp;As…</source>
        <translation>ذخیرهٔ نشست &amp;با نام…</translation>
    </message>
    <message>
        <source>Untitled</source>
        <translation>بی‌نام</translation>
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
        <translation>دسته</translation>
    </message>
    <message>
        <source>Sequence</source>
        <translation>طول دنباله</translation>
    </message>
    <message>
        <source>d_model</source>
        <translation>d_model</translation>
    </message>
    <message>
        <source>Heads</source>
        <translation>سرها</translation>
    </message>
    <message>
        <source>d_ff</source>
        <translation>d_ff</translation>
    </message>
    <message>
        <source>Vocabulary</source>
        <translation>واژگان</translation>
    </message>
    <message>
        <source>Encoder layers</source>
        <translation>لایه‌های رمزگذار</translation>
    </message>
    <message>
        <source>Decoder layers</source>
        <translation>لایه‌های رمزگشا</translation>
    </message>
    <message>
        <source>LayerNorms / enc. layer</source>
        <translation>تعداد LayerNorm / لایهٔ رمزگذار</translation>
    </message>
    <message>
        <source>LayerNorms / dec. layer</source>
        <translation>تعداد LayerNorm / لایهٔ رمزگشا</translation>
    </message>
    <message>
        <source>Biases (and LayerNorm β)</source>
        <translation>بایاس‌ها (و β در LayerNorm)</translation>
    </message>
    <message>
        <source>Decoder shares the embedding</source>
        <translation>رمزگشا تعبیه را به اشتراک می‌گذارد</translation>
    </message>
    <message>
        <source>Output tied to the embedding</source>
        <translation>خروجی به تعبیه گره خورده است</translation>
    </message>
    <message>
        <source>Component</source>
        <translation>جزء</translation>
    </message>
    <message>
        <source>Per layer</source>
        <translation>در هر لایه</translation>
    </message>
    <message>
        <source>Layers</source>
        <translation>لایه‌ها</translation>
    </message>
    <message>
        <source>Parameters</source>
        <translation>پارامترها</translation>
    </message>
    <message>
        <source>Tensors</source>
        <translation>تنسورها</translation>
    </message>
    <message>
        <source>Forward-pass tensor</source>
        <translation>تنسور گذر رو به جلو</translation>
    </message>
    <message>
        <source>Shape</source>
        <translation>شکل</translation>
    </message>
    <message>
        <source>Numbers</source>
        <translation>تعداد اعداد</translation>
    </message>
    <message>
        <source>Encoder &lt;b&gt;%1&lt;/b&gt; · decoder &lt;b&gt;%2&lt;/b&gt; · output &lt;b&gt;%3&lt;/b&gt; · total &lt;b&gt;%4&lt;/b&gt; parameters (d_k = %5)</source>
        <translation>رمزگذار &lt;b&gt;%1&lt;/b&gt; · رمزگشا &lt;b&gt;%2&lt;/b&gt; · خروجی &lt;b&gt;%3&lt;/b&gt; · مجموع &lt;b&gt;%4&lt;/b&gt; پارامتر (d_k = %5)</translation>
    </message>
</context>
<context>
    <name>attnlab::app::ShortcutsDialog</name>
    <message>
        <source>AttnLab keyboard shortcuts</source>
        <translation>میان‌برهای صفحه‌کلید ⁦AttnLab⁩</translation>
    </message>
    <message>
        <source>No scratch folder for the PDF: %1</source>
        <translation>پوشهٔ موقت برای ⁦PDF⁩ ساخته نشد: %1</translation>
    </message>
    <message>
        <source>The PDF could not be drawn: %1</source>
        <translation>⁦PDF⁩ رسم نشد: %1</translation>
    </message>
    <message>
        <source>Keyboard Shortcuts</source>
        <translation>میان‌برهای صفحه‌کلید</translation>
    </message>
    <message>
        <source>Print…</source>
        <translation>چاپ…</translation>
    </message>
    <message>
        <source>Save as PDF…</source>
        <translation>ذخیره به‌صورت ⁦PDF⁩…</translation>
    </message>
    <message>
        <source>Save Shortcuts as PDF</source>
        <translation>ذخیرهٔ میان‌برها به‌صورت ⁦PDF⁩</translation>
    </message>
    <message>
        <source>PDF (*.pdf)</source>
        <translation>PDF (*.pdf)</translation>
    </message>
    <message>
        <source>Cannot save the shortcuts</source>
        <translation>میان‌برها ذخیره نشد</translation>
    </message>
</context>
<context>
    <name>attnlab::app::TrainWindow</name>
    <message>
        <source>Train a Model — AttnLab</source>
        <translation>آموزش یک مدل — AttnLab</translation>
    </message>
    <message>
        <source>Text file…</source>
        <translation>پروندهٔ متنی…</translation>
    </message>
    <message>
        <source>Task</source>
        <translation>وظیفه</translation>
    </message>
    <message>
        <source>Tiny, about 10 s</source>
        <translation>بسیار کوچک، حدود ⁦10 s⁩</translation>
    </message>
    <message>
        <source>Small, about 1 min</source>
        <translation>کوچک، حدود ۱ دقیقه</translation>
    </message>
    <message>
        <source>Size</source>
        <translation>اندازه</translation>
    </message>
    <message>
        <source>Attention only (no MLP)</source>
        <translation>فقط توجه (بدون ⁦MLP⁩)</translation>
    </message>
    <message>
        <source>The peak learning rate. It can change while training runs.</source>
        <translation>بیشینهٔ نرخ یادگیری. در حین آموزش هم می‌توان آن را تغییر داد.</translation>
    </message>
    <message>
        <source>Layers</source>
        <translation>لایه‌ها</translation>
    </message>
    <message>
        <source>Heads</source>
        <translation>سرها</translation>
    </message>
    <message>
        <source>Width (d_model)</source>
        <translation>پهنا (⁦d_model⁩)</translation>
    </message>
    <message>
        <source>Steps</source>
        <translation>گام‌ها</translation>
    </message>
    <message>
        <source>Batch</source>
        <translation>دسته</translation>
    </message>
    <message>
        <source>Learning rate</source>
        <translation>نرخ یادگیری</translation>
    </message>
    <message>
        <source>Seed</source>
        <translation>بذر تصادفی</translation>
    </message>
    <message>
        <source>Start</source>
        <translation>شروع</translation>
    </message>
    <message>
        <source>Pause</source>
        <translation>مکث</translation>
    </message>
    <message>
        <source>Stop</source>
        <translation>توقف</translation>
    </message>
    <message>
        <source>Reset</source>
        <translation>بازنشانی</translation>
    </message>
    <message>
        <source>Open in Workspace</source>
        <translation>باز کردن در فضای کار</translation>
    </message>
    <message>
        <source>Open the current weights in the main window: every view, the predictions, the lessons</source>
        <translation>وزن‌های کنونی را در پنجرهٔ اصلی باز می‌کند: همهٔ نماها، پیش‌بینی‌ها و درس‌ها</translation>
    </message>
    <message>
        <source>Save Model…</source>
        <translation>ذخیرهٔ مدل…</translation>
    </message>
    <message>
        <source>Save as a Hugging Face GPT-2 folder, which also resumes training</source>
        <translation>به‌صورت پوشهٔ ⁦GPT-2⁩ هاگینگ‌فیس ذخیره می‌کند که ادامهٔ آموزش را هم ممکن می‌سازد</translation>
    </message>
    <message>
        <source>Loss</source>
        <translation>زیان</translation>
    </message>
    <message>
        <source>cross-entropy</source>
        <translation>آنتروپی متقاطع</translation>
    </message>
    <message>
        <source>Accuracy on the answers</source>
        <translation>دقت روی پاسخ‌ها</translation>
    </message>
    <message>
        <source>accuracy</source>
        <translation>دقت</translation>
    </message>
    <message>
        <source>Head scores</source>
        <translation>امتیاز سرها</translation>
    </message>
    <message>
        <source>score</source>
        <translation>امتیاز</translation>
    </message>
    <message>
        <source>Previous token</source>
        <translation>توکن قبلی</translation>
    </message>
    <message>
        <source>Induction</source>
        <translation>القایی (induction)</translation>
    </message>
    <message>
        <source>First token</source>
        <translation>نخستین توکن</translation>
    </message>
    <message>
        <source>Diagonal (self)</source>
        <translation>قطری (خود توکن)</translation>
    </message>
    <message>
        <source>Previous token: weight on the token just before. Induction: on a random sequence repeated, weight on the token after the earlier copy of the current one. First token: weight on the first position. Diagonal: weight on the token itself.</source>
        <translation>توکن قبلی: وزن روی توکنِ درست پیش از آن. القایی: روی یک دنبالهٔ تصادفیِ تکرارشده، وزن روی توکنی که پس از رخداد قبلیِ توکن کنونی آمده است. نخستین توکن: وزن روی نخستین جایگاه. قطری: وزن روی خود توکن.</translation>
    </message>
    <message>
        <source>Replay how the attention maps changed during training</source>
        <translation>بازپخش اینکه نقشه‌های توجه در حین آموزش چگونه تغییر کردند</translation>
    </message>
    <message>
        <source>Timeline</source>
        <translation>خط زمان</translation>
    </message>
    <message>
        <source>Train on a Text File</source>
        <translation>آموزش روی یک پروندهٔ متنی</translation>
    </message>
    <message>
        <source>Text files (*.txt *.md);;All files (*)</source>
        <translation>پرونده‌های متنی (*.txt *.md);;همهٔ پرونده‌ها (*)</translation>
    </message>
    <message>
        <source>training batch</source>
        <translation>دستهٔ آموزشی</translation>
    </message>
    <message>
        <source>held out</source>
        <translation>کنارگذاشته</translation>
    </message>
    <message>
        <source>Resume</source>
        <translation>ادامه</translation>
    </message>
    <message>
        <source>%1 · step %2</source>
        <translation>%1 · گام %2</translation>
    </message>
    <message>
        <source>Held-out loss %1 · accuracy %2%</source>
        <translation>زیانِ دادهٔ کنارگذاشته %1 · دقت ⁦%2%⁩</translation>
    </message>
    <message>
        <source>Step %1 of %2</source>
        <translation>گام %1 از %2</translation>
    </message>
    <message>
        <source>%1 tokens/s</source>
        <translation>%1 توکن در ثانیه</translation>
    </message>
    <message>
        <source>%1 s left</source>
        <translation>%1 ثانیه مانده</translation>
    </message>
    <message>
        <source>finished</source>
        <translation>پایان یافت</translation>
    </message>
    <message>
        <source>paused</source>
        <translation>در مکث</translation>
    </message>
    <message>
        <source>step %1 · %2 snapshots, %3</source>
        <translation>گام %1 · %2 برداشت، ⁦%3⁩</translation>
    </message>
    <message>
        <source>L%1 H%2</source>
        <translation>⁦L%1 H%2⁩</translation>
    </message>
    <message>
        <source>%1: highest L%2 H%3, %4</source>
        <translation>%1: بیشترین ⁦L%2 H%3⁩، %4</translation>
    </message>
    <message>
        <source>Save the Trained Model in a Folder</source>
        <translation>ذخیرهٔ مدل آموزش‌دیده در یک پوشه</translation>
    </message>
    <message>
        <source>Cannot save the model</source>
        <translation>نمی‌توان مدل را ذخیره کرد</translation>
    </message>
    <message>
        <source>Saved to %1</source>
        <translation>در %1 ذخیره شد</translation>
    </message>
    <message>
        <source>Press Start: the attention of every layer and head on the task&apos;s example appears here, and the timeline below replays how it changed.</source>
        <translation>«شروع» را بزنید: توجهِ همهٔ لایه‌ها و سرها روی نمونهٔ این وظیفه اینجا نمایش داده می‌شود و خط زمانِ پایین چگونگی تغییر آن را بازپخش می‌کند.</translation>
    </message>
    <message>
        <source>Train a new model with these settings (Ctrl+Return)</source>
        <translation>آموزش یک مدل تازه با این تنظیمات (⁦Ctrl+Return⁩)</translation>
    </message>
    <message>
        <source>Pause or resume training (Ctrl+Space)</source>
        <translation>مکث یا ادامهٔ آموزش (⁦Ctrl+Space⁩)</translation>
    </message>
    <message>
        <source>Sort</source>
        <translation>مرتب‌سازی</translation>
    </message>
    <message>
        <source>Reverse</source>
        <translation>وارونه‌سازی</translation>
    </message>
    <message>
        <source>Modular addition</source>
        <translation>جمع پیمانه‌ای</translation>
    </message>
    <message>
        <source>Brackets</source>
        <translation>پرانتزها</translation>
    </message>
    <message>
        <source>Pronoun</source>
        <translation>ضمیر</translation>
    </message>
    <message>
        <source>Sort: 6 letters of A, B, C, then the same letters sorted (no separator, as gpt-nano-sort); graded on the sorted 6.</source>
        <translation>مرتب‌سازی: 6 حرف از ⁦A, B, C⁩، سپس همان حرف‌ها مرتب‌شده (بی‌جداکننده، مانند ⁦gpt-nano-sort⁩)؛ نمره روی 6 حرف مرتب‌شده.</translation>
    </message>
    <message>
        <source>Reverse: 8 digits, &quot;|&quot;, the same digits in reverse order; graded on the reversed 8.</source>
        <translation>وارونه‌سازی: 8 رقم، «|»، همان رقم‌ها به ترتیب وارونه؛ نمره روی 8 رقم وارونه.</translation>
    </message>
    <message>
        <source>Induction: a pattern of 8 to 24 distinct symbols repeated to 48 tokens; graded on the repeats (from the second symbol of the second copy), which only looking back to the symbol&apos;s previous occurrence predicts.</source>
        <translation>القایی: الگویی از 8 تا 24 نماد متمایز که تا 48 توکن تکرار می‌شود؛ نمره روی تکرارها (از نماد دوم نسخهٔ دوم)، که فقط نگاه به رخداد پیشین نماد آن‌ها را پیش‌بینی می‌کند.</translation>
    </message>
    <message>
        <source>Modular addition: &quot;a + b =&quot; then (a + b) mod 59; graded on the answer. 20% of the pairs (a, b) are held out and never trained on.</source>
        <translation>جمع پیمانه‌ای: «⁦a + b =⁩» سپس ⁦(a + b) mod 59⁩؛ نمره روی پاسخ. 20% از جفت‌های ⁦(a, b)⁩ کنار گذاشته می‌شوند و هرگز در آموزش به کار نمی‌روند.</translation>
    </message>
    <message>
        <source>Brackets: 12 of ( and ), &quot;=&quot;, then the depth after each prefix, or x once more have closed than opened; balanced when the last answer is 0. Graded on the 12 answers.</source>
        <translation>پرانتزها: 12 تا از ⁦(⁩ و ⁦)⁩، «=»، سپس عمق پس از هر پیشوند، یا ⁦x⁩ از وقتی که بسته‌ها از بازها بیشتر شوند؛ متوازن است اگر پاسخ آخر 0 باشد. نمره روی 12 پاسخ.</translation>
    </message>
    <message>
        <source>Pronoun: &quot;The ANIMAL didn&apos;t cross the OBSTACLE because it was too ADJECTIVE . it =&quot; then the noun &quot;it&quot; is, which the adjective decides (tired: the animal; wide: the obstacle); graded on that noun. 20% of the sentences are held out.</source>
        <translation>ضمیر: «⁦The ANIMAL didn&apos;t cross the OBSTACLE because it was too ADJECTIVE . it =⁩» سپس اسمی که it به آن اشاره دارد و صفت تعیینش می‌کند (⁦tired⁩: جانور؛ ⁦wide⁩: مانع)؛ نمره روی همان اسم. 20% از جمله‌ها کنار گذاشته می‌شوند.</translation>
    </message>
    <message>
        <source>%1 steps/s</source>
        <translation>%1 گام در ثانیه</translation>
    </message>
</context>
<context>
    <name>attnlab::app::Workspace</name>
    <message>
        <source>Open model</source>
        <translation>باز کردن مدل</translation>
    </message>
</context>
<context>
    <name>attnlab::widgets::ArcView</name>
    <message>
        <source>Layer %1 · head %2</source>
        <translation>لایهٔ %1 · سر %2</translation>
    </message>
    <message>
        <source>Layer %1</source>
        <translation>لایهٔ %1</translation>
    </message>
    <message>
        <source>untrained weights</source>
        <translation>وزن‌های آموزش‌ندیده</translation>
    </message>
    <message>
        <source>head %1</source>
        <translation>سر %1</translation>
    </message>
    <message>
        <source>head %1: %2%</source>
        <translation>سر %1: %2%</translation>
    </message>
    <message>
        <source>query</source>
        <translation>پرسش</translation>
    </message>
    <message>
        <source>key (memory)</source>
        <translation>کلید (حافظه)</translation>
    </message>
    <message>
        <source>Every head is hidden</source>
        <translation>همهٔ سرها پنهان‌اند</translation>
    </message>
    <message>
        <source>%1 · from “%2”</source>
        <translation>%1 · از «%2»</translation>
    </message>
</context>
<context>
    <name>attnlab::widgets::ComparisonView</name>
    <message>
        <source>A has 1 token and B %1: compared on the first %2</source>
        <translation>⁦A⁩ یک توکن دارد و ⁦B⁩ ⁦%1⁩: مقایسه روی ⁦%2⁩ توکن نخست</translation>
    </message>
    <message>
        <source>A has %1 tokens and B %2: compared on the first %3</source>
        <translation>⁦A⁩ ⁦%1⁩ توکن دارد و ⁦B⁩ ⁦%2⁩: مقایسه روی ⁦%3⁩ توکن نخست</translation>
    </message>
    <message>
        <source>No difference A − B: %1</source>
        <translation>تفاضل ⁦A − B⁩ وجود ندارد: %1</translation>
    </message>
    <message>
        <source>Tokens that differ: %1 and %2 more</source>
        <translation>توکن‌های متفاوت: %1 و ⁦%2⁩ مورد دیگر</translation>
    </message>
    <message>
        <source>Tokens that differ: %1</source>
        <translation>توکن‌های متفاوت: %1</translation>
    </message>
    <message>
        <source>A: %1</source>
        <translation>⁦A⁩: %1</translation>
    </message>
    <message>
        <source>B: %1</source>
        <translation>⁦B⁩: %1</translation>
    </message>
    <message>
        <source>A − B</source>
        <translation>⁦A − B⁩</translation>
    </message>
    <message>
        <source>A − B (weight)</source>
        <translation>⁦A − B⁩ (وزن)</translation>
    </message>
</context>
<context>
    <name>attnlab::widgets::ElidedLabel</name>
    <message>
        <source>Copy</source>
        <translation>رونوشت</translation>
    </message>
</context>
<context>
    <name>attnlab::widgets::HeadEffectsView</name>
    <message>
        <source>No trace yet: type a sentence and choose a trained model to see which heads its prediction needs</source>
        <translation>هنوز ردی نیست: جمله‌ای بنویسید و یک مدل آموزش‌دیده انتخاب کنید تا ببینید پیش‌بینی آن به کدام سرها نیاز دارد</translation>
    </message>
    <message>
        <source>The toy model predicts nothing (it has no output layer): choose a trained model to see which heads a prediction needs</source>
        <translation>مدل اسباب‌بازی چیزی پیش‌بینی نمی‌کند (لایهٔ خروجی ندارد): برای دیدن اینکه یک پیش‌بینی به کدام سرها نیاز دارد، یک مدل آموزش‌دیده انتخاب کنید</translation>
    </message>
    <message>
        <source>Typed matrices have no prediction to switch heads off for</source>
        <translation>ماتریس‌های واردشده پیش‌بینی‌ای ندارند که بتوان سرها را برایش خاموش کرد</translation>
    </message>
    <message>
        <source>Switching each head off in turn…</source>
        <translation>خاموش‌کردن سرها یکی‌یکی…</translation>
    </message>
    <message>
        <source>No effects: %1</source>
        <translation>اثری نیست: %1</translation>
    </message>
    <message>
        <source>Which heads matter for “%1” (token %2)</source>
        <translation>کدام سرها برای «%1» (نشانهٔ %2) مهم‌اند</translation>
    </message>
    <message>
        <source>the model predicts “%1” next, p = %2; each cell: the change of log p when that head alone is switched off (%3)</source>
        <translation>مدل پس از آن «%1» را پیش‌بینی می‌کند، ⁦p = %2⁩؛ هر خانه: تغییر ⁦log p⁩ وقتی فقط همان سر خاموش شود (%3)</translation>
    </message>
    <message>
        <source>its output set to 0</source>
        <translation>خروجی‌اش صفر شود</translation>
    </message>
    <message>
        <source>its output replaced by its mean</source>
        <translation>خروجی‌اش با میانگینش جایگزین شود</translation>
    </message>
    <message>
        <source>the model guesses “%1” here, p = %2; each cell: the change of log p when that head alone is switched off</source>
        <translation>مدل اینجا «%1» را حدس می‌زند، ⁦p = %2⁩؛ هر خانه: تغییر ⁦log p⁩ وقتی فقط همان سر خاموش شود</translation>
    </message>
    <message>
        <source>blue: the prediction needs the head · red: it does better without it</source>
        <translation>آبی: پیش‌بینی به این سر نیاز دارد · قرمز: بدون آن بهتر است</translation>
    </message>
    <message>
        <source>click a token to ask about it · click a cell or a row to open its head</source>
        <translation>روی یک نشانه کلیک کنید تا دربارهٔ آن بپرسید · روی خانه یا ردیف کلیک کنید تا سرش باز شود</translation>
    </message>
    <message>
        <source>Δ log p</source>
        <translation>⁦Δ log p⁩</translation>
    </message>
    <message>
        <source>Most needed</source>
        <translation>بیشترین نیاز</translation>
    </message>
    <message>
        <source>Layer %1, head %2 switched off: Δ log p = %3 (p × %4)</source>
        <translation>لایهٔ %1، سر %2 خاموش: ⁦Δ log p = %3⁩ (⁦p × %4⁩)</translation>
    </message>
    <message>
        <source>Heads or MLPs are switched off: switch them all back on (Ablation ▸ Switch All Back On) to see which heads the whole model&apos;s prediction needs</source>
        <translation>سرها یا ⁦MLP⁩ها خاموش‌اند: برای دیدن این‌که پیش‌بینی کل مدل به کدام سرها نیاز دارد، همه را دوباره روشن کنید (خاموش‌سازی ▸ روشن کردن دوبارهٔ همه)</translation>
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
        <translation>توجه هر توکن به توکنِ درست پیش از آن، میانگین روی توکن‌ها</translation>
    </message>
    <message>
        <source>on random tokens repeated once: attention from each token of the second copy to the token after its first occurrence</source>
        <translation>روی توکن‌های تصادفیِ یک‌بار تکرارشده: توجه هر توکنِ نسخهٔ دوم به توکنِ پس از نخستین رخدادش</translation>
    </message>
    <message>
        <source>attention to the first token (an attention sink), averaged over the later tokens</source>
        <translation>توجه به نخستین توکن (چاهک توجه)، میانگین روی توکن‌های بعدی</translation>
    </message>
    <message>
        <source>attention of each token to itself</source>
        <translation>توجه هر توکن به خودش</translation>
    </message>
    <message>
        <source>attention from a repeated token to its earlier occurrences</source>
        <translation>توجه توکنِ تکراری به رخدادهای پیشینِ خودش</translation>
    </message>
    <message>
        <source>entropy of each attention row in nats, averaged: 0 = all on one token, ln T = spread evenly</source>
        <translation>آنتروپی هر سطر توجه بر حسب ⁦nat⁩، میانگین: ⁦0⁩ = همه روی یک توکن، ⁦ln T⁩ = پخشِ یکنواخت</translation>
    </message>
    <message>
        <source>&amp;Score:</source>
        <translation>&amp;امتیاز:</translation>
    </message>
    <message>
        <source>previous token</source>
        <translation>توکن پیشین</translation>
    </message>
    <message>
        <source>induction</source>
        <translation>القایی (induction)</translation>
    </message>
    <message>
        <source>first token (attention sink)</source>
        <translation>نخستین توکن (چاهک توجه)</translation>
    </message>
    <message>
        <source>self (diagonal)</source>
        <translation>خود (قطر)</translation>
    </message>
    <message>
        <source>duplicate token</source>
        <translation>توکن تکراری</translation>
    </message>
    <message>
        <source>entropy</source>
        <translation>آنتروپی</translation>
    </message>
    <message>
        <source>No trace yet: type a sentence to see the roles of its heads</source>
        <translation>هنوز ردی نیست: جمله‌ای بنویسید تا نقش سرهایش را ببینید</translation>
    </message>
    <message>
        <source>Computing the head roles…</source>
        <translation>در حال محاسبهٔ نقش سرها…</translation>
    </message>
    <message>
        <source>Head roles score self-attention heads: this input attends to a memory text (cross-attention), so it has none</source>
        <translation>نقش سرها برای سرهای خودتوجه سنجیده می‌شود: این ورودی به متن حافظه توجه می‌کند (توجه متقاطع)، پس نقشی ندارد</translation>
    </message>
    <message>
        <source>Typed matrices have no induction score: there is no model to run repeated random tokens through. The other five scores are under Score.</source>
        <translation>ماتریس‌های تایپ‌شده امتیاز القایی ندارند: مدلی نیست که توکن‌های تصادفیِ تکراری از آن بگذرد. پنج امتیاز دیگر زیر «امتیاز» هستند.</translation>
    </message>
    <message>
        <source>The induction probe could not run: %1</source>
        <translation>کاوشگر القایی اجرا نشد: %1</translation>
    </message>
    <message>
        <source>Head roles: %1</source>
        <translation>نقش سرها: %1</translation>
    </message>
    <message>
        <source>%1 · %2 layers × %3 heads</source>
        <translation>%1 · ⁦%2⁩ لایه × ⁦%3⁩ سر</translation>
    </message>
    <message>
        <source>random, untrained weights: no head has learned a role</source>
        <translation>وزن‌های تصادفی و آموزش‌ندیده: هیچ سری نقشی نیاموخته است</translation>
    </message>
    <message>
        <source>click a cell or a row to open its head</source>
        <translation>برای باز کردن سر روی خانه یا سطر کلیک کنید</translation>
    </message>
    <message>
        <source>nats</source>
        <translation>⁦nat⁩</translation>
    </message>
    <message>
        <source>Sharpest (lowest entropy)</source>
        <translation>تیزترین (کمترین آنتروپی)</translation>
    </message>
    <message>
        <source>score</source>
        <translation>امتیاز</translation>
    </message>
    <message>
        <source>Highest scores</source>
        <translation>بالاترین امتیازها</translation>
    </message>
    <message>
        <source>Measured on %1 random tokens, then the same tokens again; not on the input.</source>
        <translation>روی ⁦%1⁩ توکن تصادفی و سپس همان توکن‌ها دوباره سنجیده شده است، نه روی ورودی.</translation>
    </message>
    <message>
        <source>No token of the input occurs twice, so every duplicate-token score is 0.</source>
        <translation>هیچ توکنی در ورودی دو بار نیامده است، پس همهٔ امتیازهای توکن تکراری ⁦0⁩ است.</translation>
    </message>
    <message>
        <source>Layer %1, head %2: %3 %4</source>
        <translation>لایهٔ ⁦%1⁩، سر ⁦%2⁩: %3 %4</translation>
    </message>
</context>
<context>
    <name>attnlab::widgets::HeadView</name>
    <message>
        <source>key (memory)</source>
        <translation>کلید (حافظه)</translation>
    </message>
    <message>
        <source>key</source>
        <translation>کلید</translation>
    </message>
    <message>
        <source>Layer %1</source>
        <translation>لایهٔ %1</translation>
    </message>
    <message>
        <source>untrained weights</source>
        <translation>وزن‌های آموزش‌ندیده</translation>
    </message>
    <message>
        <source>query</source>
        <translation>پرسش</translation>
    </message>
    <message>
        <source>head %1: %2%</source>
        <translation>سر %1: %2%</translation>
    </message>
    <message>
        <source>Every head is hidden: click a swatch to show it</source>
        <translation>همهٔ سرها پنهان‌اند: برای نمایش یک سر، روی نمونهٔ رنگش کلیک کنید</translation>
    </message>
    <message>
        <source>Every head is hidden</source>
        <translation>همهٔ سرها پنهان‌اند</translation>
    </message>
</context>
<context>
    <name>attnlab::widgets::HeatmapView</name>
    <message>
        <source>Heatmap</source>
        <translation>نقشهٔ حرارتی</translation>
    </message>
    <message>
        <source>Layer %1 · Head %2</source>
        <translation>لایهٔ %1 · سر %2</translation>
    </message>
    <message>
        <source>Layer %1 · maximum of %2 heads</source>
        <translation>لایهٔ %1 · بیشینهٔ %2 سر</translation>
    </message>
    <message>
        <source>Layer %1 · average of %2 heads</source>
        <translation>لایهٔ %1 · میانگین %2 سر</translation>
    </message>
    <message>
        <source>untrained weights</source>
        <translation>وزن‌های آموزش‌ندیده</translation>
    </message>
    <message>
        <source>No attention weights to show yet.</source>
        <translation>هنوز وزن توجهی برای نمایش نیست.</translation>
    </message>
    <message>
        <source>query %1 %2 → key %3 %4</source>
        <translation>پرسش %1 %2 ← کلید %3 %4</translation>
    </message>
    <message>
        <source>q·k = %1</source>
        <translation>q·k = %1</translation>
    </message>
    <message>
        <source>scaled score = %1</source>
        <translation>امتیاز مقیاس‌شده = %1</translation>
    </message>
    <message>
        <source>weight = %1</source>
        <translation>وزن = %1</translation>
    </message>
    <message>
        <source>maximum of heads</source>
        <translation>بیشینهٔ سرها</translation>
    </message>
    <message>
        <source>average of heads</source>
        <translation>میانگین سرها</translation>
    </message>
    <message>
        <source>weight = %1 (%2 %3)</source>
        <translation>وزن = %1 (%2 %3)</translation>
    </message>
    <message>
        <source>masked: this query may not attend this key</source>
        <translation>ماسک‌شده: این پرسش نمی‌تواند به این کلید توجه کند</translation>
    </message>
    <message>
        <source>Layer %1 · Head %2 (switched off: its output is not used)</source>
        <translation>لایهٔ %1 · سر %2 (خاموش: خروجی‌اش به کار نمی‌رود)</translation>
    </message>
</context>
<context>
    <name>attnlab::widgets::LensView</name>
    <message>
        <source>layer %1</source>
        <translation>لایهٔ ⁦%1⁩</translation>
    </message>
    <message>
        <source>probability (0–1)</source>
        <translation>احتمال (⁦0–1⁩)</translation>
    </message>
    <message>
        <source>probability (0–max)</source>
        <translation>احتمال (۰ تا بیشینه)</translation>
    </message>
    <message>
        <source>probability (log)</source>
        <translation>احتمال (لگاریتمی)</translation>
    </message>
    <message>
        <source>tokens 1–%1 of %2 are left out: there is no room for them</source>
        <translation>توکن‌های ⁦1–%1⁩ از ⁦%2⁩ جا نشدند و کنار گذاشته شدند</translation>
    </message>
    <message>
        <source>showing tokens %1–%2 of %3, around the selected one: there is no room for all</source>
        <translation>نمایش توکن‌های ⁦%1–%2⁩ از ⁦%3⁩، پیرامون توکن انتخاب‌شده: جا برای همه نیست</translation>
    </message>
    <message>
        <source>next</source>
        <translation>بعدی</translation>
    </message>
    <message>
        <source>No trace yet: type a sentence and choose a trained model to see what each of its layers would predict</source>
        <translation>هنوز ردی نیست: جمله‌ای بنویسید و یک مدل آموزش‌دیده انتخاب کنید تا ببینید هر لایهٔ آن چه پیش‌بینی می‌کند</translation>
    </message>
    <message>
        <source>The toy model predicts nothing (it has no output layer): choose a trained model to see what each layer would predict</source>
        <translation>مدل اسباب‌بازی چیزی پیش‌بینی نمی‌کند (لایهٔ خروجی ندارد): برای دیدن اینکه هر لایه چه پیش‌بینی می‌کند، یک مدل آموزش‌دیده انتخاب کنید</translation>
    </message>
    <message>
        <source>Typed matrices have no output layer to read the layers with</source>
        <translation>ماتریس‌های واردشده لایهٔ خروجی‌ای ندارند که بتوان لایه‌ها را با آن خواند</translation>
    </message>
    <message>
        <source>Reading every layer&apos;s stream with the model&apos;s output…</source>
        <translation>خواندن جریان هر لایه با خروجی مدل…</translation>
    </message>
    <message>
        <source>No logit lens: %1</source>
        <translation>عدسی لوجیت در دسترس نیست: %1</translation>
    </message>
    <message>
        <source>No logit lens: it was read for another input</source>
        <translation>عدسی لوجیت در دسترس نیست: برای ورودی دیگری خوانده شده است</translation>
    </message>
    <message>
        <source>Layer %1 of %2, token %3 “%4”</source>
        <translation>لایهٔ ⁦%1⁩ از ⁦%2⁩، توکن ⁦%3⁩ «%4»</translation>
    </message>
    <message>
        <source>what the model would guess here if it stopped after this layer:</source>
        <translation>آنچه مدل اگر پس از این لایه بایستد، در این جایگاه حدس می‌زند:</translation>
    </message>
    <message>
        <source>what the model would predict next if it stopped after this layer:</source>
        <translation>آنچه مدل اگر پس از این لایه بایستد، برای بعدی پیش‌بینی می‌کند:</translation>
    </message>
    <message>
        <source>what the model would predict next (the text goes on with “%1”) if it stopped after this layer:</source>
        <translation>آنچه مدل اگر پس از این لایه بایستد، برای بعدی پیش‌بینی می‌کند (متن با «%1» ادامه می‌یابد):</translation>
    </message>
    <message>
        <source>%1. “%2” %3</source>
        <translation>⁦%1.⁩ «%2» %3</translation>
    </message>
    <message>
        <source>(already the last layer&apos;s prediction)</source>
        <translation>(هم‌اکنون همان پیش‌بینی لایهٔ آخر)</translation>
    </message>
    <message>
        <source>each cell: the token the model would predict next if it stopped after that layer (the stream read with its final norm and unembedding), coloured by its probability</source>
        <translation>هر خانه: توکنی که مدل اگر پس از آن لایه بایستد، برای بعدی پیش‌بینی می‌کند (جریان، خوانده‌شده با نرمال‌سازی پایانی و ماتریس خروجی مدل)، رنگ‌شده بر پایهٔ احتمالش</translation>
    </message>
    <message>
        <source>each cell: the token the model would guess at that position if it stopped after that layer (the stream read with its final norm and output head), coloured by its probability</source>
        <translation>هر خانه: توکنی که مدل اگر پس از آن لایه بایستد، در آن جایگاه حدس می‌زند (جریان، خوانده‌شده با نرمال‌سازی پایانی و سر خروجی مدل)، رنگ‌شده بر پایهٔ احتمالش</translation>
    </message>
    <message>
        <source>bold: already the last layer&apos;s prediction</source>
        <translation>پررنگ: هم‌اکنون همان پیش‌بینی لایهٔ آخر</translation>
    </message>
    <message>
        <source>hover a cell for the top 5 · click a token to select it</source>
        <translation>برای ۵ گزینهٔ برتر، نشانگر را روی خانه ببرید · برای انتخاب یک توکن روی آن کلیک کنید</translation>
    </message>
    <message>
        <source>Logit lens: what each layer would predict</source>
        <translation>عدسی لوجیت: آنچه هر لایه پیش‌بینی می‌کند</translation>
    </message>
    <message>
        <source>token 1 of %1 is left out: there is no room for it</source>
        <translation>توکن ⁦1⁩ از ⁦%1⁩ جا نشد و کنار گذاشته شد</translation>
    </message>
    <message>
        <source>(widen the window, or select an earlier token to show it)</source>
        <translation>(پنجره را پهن‌تر کنید، یا توکنی پیشین را انتخاب کنید تا نشان داده شود)</translation>
    </message>
</context>
<context>
    <name>attnlab::widgets::LessonChart</name>
    <message>
        <source>Computing…</source>
        <translation>در حال محاسبه…</translation>
    </message>
</context>
<context>
    <name>attnlab::widgets::MatrixEditor</name>
    <message>
        <source>Rows of %1 (tokens)</source>
        <translation>تعداد سطرهای %1 (توکن‌ها)</translation>
    </message>
    <message>
        <source>Columns of %1 (features)</source>
        <translation>تعداد ستون‌های %1 (ویژگی‌ها)</translation>
    </message>
    <message>
        <source>Type numbers or expressions (3/2, -1/√2, sqrt(2), exp(1/2)); paste a whole matrix as CSV, LaTeX or a NumPy list with Ctrl+V</source>
        <translation>عدد یا عبارت بنویسید (3/2, -1/√2, sqrt(2), exp(1/2))؛ یک ماتریس کامل را به‌صورت CSV، LaTeX یا فهرست NumPy با Ctrl+V بچسبانید</translation>
    </message>
    <message>
        <source>Cannot paste: %1</source>
        <translation>چسباندن ممکن نیست: %1</translation>
    </message>
    <message>
        <source>Cannot paste a %1 × %2 matrix: the editor holds at most %3 × %3</source>
        <translation>ماتریس %1 × %2 را نمی‌توان چسباند: ویرایشگر حداکثر %3 × %3 را نگه می‌دارد</translation>
    </message>
</context>
<context>
    <name>attnlab::widgets::ModelView</name>
    <message>
        <source>All heads</source>
        <translation>همهٔ سرها</translation>
    </message>
    <message>
        <source>No model trace to show yet.</source>
        <translation>هنوز محاسبه‌ای از مدل برای نمایش نیست.</translation>
    </message>
    <message>
        <source>untrained weights</source>
        <translation>وزن‌های آموزش‌ندیده</translation>
    </message>
    <message>
        <source>Layer %1 · Head %2: click to show it in the heatmap</source>
        <translation>لایهٔ %1 · سر %2: برای نمایش در نقشهٔ حرارتی کلیک کنید</translation>
    </message>
    <message>
        <source>%1 · %2 × %3 sharing %4 key/value heads · %5</source>
        <translation>%1 · %2 × %3 با %4 سر کلید/مقدار مشترک · %5</translation>
    </message>
    <message>
        <source>%1 · %2 × %3 sharing one key/value head · %4</source>
        <translation>%1 · %2 × %3 با یک سر کلید/مقدار مشترک · %4</translation>
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
        <translation>بدون وصله: %1</translation>
    </message>
    <message>
        <source>Activation patching: what brings back “%1” over “%2” after “%3” (token %4)</source>
        <translation>وصلهٔ فعال‌سازی: چه چیزی «%1» را در برابر «%2» پس از «%3» (توکن %4) بازمی‌گرداند</translation>
    </message>
    <message>
        <source>Activation patching: what brings back “%1” after “%2” (token %3)</source>
        <translation>وصلهٔ فعال‌سازی: چه چیزی «%1» را پس از «%2» (توکن %3) بازمی‌گرداند</translation>
    </message>
    <message>
        <source>logit difference</source>
        <translation>تفاوت لوجیت</translation>
    </message>
    <message>
        <source>log p</source>
        <translation>⁦log p⁩</translation>
    </message>
    <message>
        <source>clean: %1</source>
        <translation>سالم: %1</translation>
    </message>
    <message>
        <source>corrupted: %1</source>
        <translation>خراب: %1</translation>
    </message>
    <message>
        <source>%1: %2 clean, %3 corrupted</source>
        <translation>%1: سالم %2، خراب %3</translation>
    </message>
    <message>
        <source>each cell: the share of that difference restored when one part of the corrupted run comes from the clean run (1: all of it, 0: none)</source>
        <translation>هر خانه: سهمی از آن تفاوت که بازمی‌گردد وقتی یک بخش از اجرای خراب از اجرای سالم گرفته شود (⁦1⁩: همه‌اش، ⁦0⁩: هیچ)</translation>
    </message>
    <message>
        <source>Each head&apos;s output (every token)</source>
        <translation>خروجی هر سر (همهٔ توکن‌ها)</translation>
    </message>
    <message>
        <source>restored</source>
        <translation>بازگشته</translation>
    </message>
    <message>
        <source>Restores most</source>
        <translation>بیشترین بازگرداندن</translation>
    </message>
    <message>
        <source>The stream entering each layer, one token at a time</source>
        <translation>جریانی که وارد هر لایه می‌شود، یک توکن در هر بار</translation>
    </message>
    <message>
        <source>Each MLP&apos;s output, one token at a time</source>
        <translation>خروجی هر ⁦MLP⁩، یک توکن در هر بار</translation>
    </message>
    <message>
        <source>&amp;Corrupted:</source>
        <translation>&amp;خراب:</translation>
    </message>
    <message>
        <source>the input with one thing changed, as many tokens long</source>
        <translation>همان ورودی با یک تغییر، با همان تعداد توکن</translation>
    </message>
    <message>
        <source>&amp;Target:</source>
        <translation>&amp;هدف:</translation>
    </message>
    <message>
        <source>one token</source>
        <translation>یک توکن</translation>
    </message>
    <message>
        <source>&amp;Wrong:</source>
        <translation>&amp;نادرست:</translation>
    </message>
    <message>
        <source>optional</source>
        <translation>اختیاری</translation>
    </message>
    <message>
        <source>&amp;Patch</source>
        <translation>&amp;وصله</translation>
    </message>
    <message>
        <source>Put each part of the clean run (the input above) into the corrupted run in turn and measure how much of the target&apos;s lead it brings back</source>
        <translation>هر بخش از اجرای سالم (ورودی بالا) را به نوبت در اجرای خراب بگذار و بسنج که چه اندازه از برتری توکن هدف را بازمی‌گرداند</translation>
    </message>
    <message>
        <source>No trace yet: type a sentence and choose a trained model</source>
        <translation>هنوز ردی نیست: جمله‌ای بنویسید و یک مدل آموزش‌دیده انتخاب کنید</translation>
    </message>
    <message>
        <source>The toy model predicts nothing (it has no output layer): choose a trained model to patch its activations</source>
        <translation>مدل اسباب‌بازی چیزی پیش‌بینی نمی‌کند (لایهٔ خروجی ندارد): برای وصلهٔ فعال‌سازی‌ها یک مدل آموزش‌دیده انتخاب کنید</translation>
    </message>
    <message>
        <source>Typed matrices have no prediction to restore</source>
        <translation>ماتریس‌های واردشده پیش‌بینی‌ای برای بازگرداندن ندارند</translation>
    </message>
    <message>
        <source>Type a corrupted input of as many tokens as the input above, the token the input should make the model say and, optionally, the one the corrupted input makes it say; then press Patch</source>
        <translation>یک ورودی خراب با همان تعداد توکن ورودی بالا، توکنی که ورودی باید مدل را به گفتنش وادارد و، اختیاری، توکنی که ورودی خراب مدل را به گفتنش وامی‌دارد بنویسید؛ سپس «وصله» را بزنید</translation>
    </message>
    <message>
        <source>Patching: rerunning the model with each part of the clean run…</source>
        <translation>در حال وصله: اجرای دوبارهٔ مدل با هر بخش از اجرای سالم…</translation>
    </message>
    <message>
        <source>restores %1 of the logit difference</source>
        <translation>%1 از تفاوت لوجیت را بازمی‌گرداند</translation>
    </message>
    <message>
        <source>restores %1 of the log-probability&apos;s difference</source>
        <translation>%1 از تفاوت لگاریتم احتمال را بازمی‌گرداند</translation>
    </message>
    <message>
        <source>Layer %1, head %2 from the clean run: %3</source>
        <translation>لایهٔ %1، سر %2 از اجرای سالم: %3</translation>
    </message>
    <message>
        <source>%1 (corrupted: “%2”)</source>
        <translation>%1 (خراب: «%2»)</translation>
    </message>
    <message>
        <source>The stream entering layer %1 at token %2 %3</source>
        <translation>جریان ورودی لایهٔ %1 در توکن %2 %3</translation>
    </message>
    <message>
        <source>Layer %1&apos;s MLP output at token %2 %3</source>
        <translation>خروجی ⁦MLP⁩ لایهٔ %1 در توکن %2 %3</translation>
    </message>
    <message>
        <source>%1, from the clean run: %2</source>
        <translation>%1، از اجرای سالم: %2</translation>
    </message>
</context>
<context>
    <name>attnlab::widgets::PositionalView</name>
    <message>
        <source>your token</source>
        <translation>توکن شما</translation>
    </message>
    <message>
        <source>your %1 tokens</source>
        <translation>%1 توکن شما</translation>
    </message>
    <message>
        <source>position p</source>
        <translation>موقعیت p</translation>
    </message>
    <message>
        <source>(b) PE: position × dimension</source>
        <translation>(b) PE: موقعیت × بُعد</translation>
    </message>
    <message>
        <source>dimension</source>
        <translation>بُعد</translation>
    </message>
    <message>
        <source>position</source>
        <translation>موقعیت</translation>
    </message>
    <message>
        <source>(c) Position similarity (cos)</source>
        <translation>(c) شباهت موقعیت‌ها (cos)</translation>
    </message>
    <message>
        <source>(d) Naive PE[p] = (p, p, …, p)</source>
        <translation>(d) PE ساده: PE[p] = (p, p, …, p)</translation>
    </message>
    <message>
        <source>naive: p·√%1</source>
        <translation>ساده: ⁦p·√%1⁩</translation>
    </message>
    <message>
        <source>sinusoidal: √%1 at every p</source>
        <translation>سینوسی: در هر ⁦p⁩ برابر ⁦√%1⁩</translation>
    </message>
    <message>
        <source>dim %1 · %2 · λ ≈ %3</source>
        <translation>بُعد ⁦%1⁩ · %2 · ⁦λ ≈ %3⁩</translation>
    </message>
    <message>
        <source>Positional encodings · d = %1 · positions 0 … %2%3</source>
        <translation>رمزگذاری‌های موقعیت · ⁦d = %1⁩ · موقعیت‌های ⁦0 … %2⁩%3</translation>
    </message>
    <message>
        <source> · the sentence&apos;s %1 positions marked</source>
        <translation> · %1 موقعیتِ جمله علامت خورده‌اند</translation>
    </message>
    <message>
        <source>, llama3 scaling: slow pairs ÷ %1</source>
        <translation>، مقیاس‌دهی llama3: جفت‌های کند ÷ %1</translation>
    </message>
    <message>
        <source>, linear scaling: every θ_i ÷ %1</source>
        <translation>، مقیاس‌دهی خطی: هر θ_i ÷ %1</translation>
    </message>
    <message>
        <source>; sliding layers: base %1, unscaled</source>
        <translation>؛ لایه‌های پنجره‌ای: پایه %1، بدون مقیاس</translation>
    </message>
    <message>
        <source>(a) RoPE: pair i of a head turns by p·θ_i, θ_i = %1^(−2i/%2)%3%4; cos and sin of p·θ_i</source>
        <translation>(a) RoPE: جفت i هر سر به اندازهٔ p·θ_i می‌چرخد، ⁦θ_i = %1^(−2i/%2)⁩%3%4؛ cos و sin زاویهٔ p·θ_i</translation>
    </message>
    <message>
        <source>(b) sin, cos of p·θ_i: position × feature</source>
        <translation>(b) sin و cos زاویهٔ p·θ_i: موقعیت × ویژگی</translation>
    </message>
    <message>
        <source>RoPE: norms unchanged at every p</source>
        <translation>RoPE: نُرم در هر p ثابت</translation>
    </message>
    <message>
        <source>Rotary positions (RoPE) · %1 features per head · positions 0 … %2%3</source>
        <translation>موقعیت‌های چرخشی (RoPE) · %1 ویژگی در هر سر · موقعیت‌های 0 … %2%3</translation>
    </message>
</context>
<context>
    <name>attnlab::widgets::QkView</name>
    <message>
        <source>PC %1 (%2 of the variance)</source>
        <translation>مؤلفهٔ اصلی %1 (%2 از واریانس)</translation>
    </message>
    <message>
        <source>strongest keys of “%1”</source>
        <translation>قوی‌ترین کلیدهای «%1»</translation>
    </message>
    <message>
        <source>query</source>
        <translation>پرسش</translation>
    </message>
    <message>
        <source>key</source>
        <translation>کلید</translation>
    </message>
    <message>
        <source>attention of “%1” (width: weight)</source>
        <translation>توجه «%1» (پهنا: وزن)</translation>
    </message>
    <message>
        <source>position</source>
        <translation>جایگاه</translation>
    </message>
    <message>
        <source>No trace yet: type a sentence to see its queries and keys</source>
        <translation>هنوز ردی نیست: جمله‌ای بنویسید تا پرسش‌ها و کلیدهای آن را ببینید</translation>
    </message>
    <message>
        <source>This layer has no attention heads</source>
        <translation>این لایه سر توجهی ندارد</translation>
    </message>
    <message>
        <source>This head keeps no queries and keys to project</source>
        <translation>این سر پرسش و کلیدی برای تصویر کردن ندارد</translation>
    </message>
    <message>
        <source>each query (●) and key (□) of this head as a point of one plane: a query lies near the keys it attends to, as far as two axes can tell</source>
        <translation>هر پرسش (●) و کلید (□) این سر به‌صورت نقطه‌ای در یک صفحه: پرسش نزدیک کلیدهایی است که به آن‌ها توجه می‌کند، تا جایی که دو محور نشان می‌دهند</translation>
    </message>
    <message>
        <source>keys shifted so that their centre meets the queries&apos;, queries × c and keys ÷ c (c = %1) for equal mean lengths, then the two main axes (PCA), as AttentionViz (Yeh et al. 2023)</source>
        <translation>کلیدها جابه‌جا می‌شوند تا مرکزشان بر مرکز پرسش‌ها بیفتد، پرسش‌ها ⁦× c⁩ و کلیدها ⁦÷ c⁩ (⁦c = %1⁩) برای طول میانگین برابر، سپس دو محور اصلی (⁦PCA⁩)، مانند ⁦AttentionViz⁩ (⁦Yeh et al. 2023⁩)</translation>
    </message>
    <message>
        <source>the two axes show %1 of the variance</source>
        <translation>دو محور %1 از واریانس را نشان می‌دهند</translation>
    </message>
    <message>
        <source>q and k after RoPE, as the scores used them</source>
        <translation>⁦q⁩ و ⁦k⁩ پس از ⁦RoPE⁩، همان‌گونه که امتیازها از آن‌ها استفاده کردند</translation>
    </message>
    <message>
        <source>one head: choose a head to see another</source>
        <translation>یک سر: برای دیدن سری دیگر، سری را انتخاب کنید</translation>
    </message>
    <message>
        <source>click a query to select it; hover a point for its token</source>
        <translation>برای انتخاب یک پرسش روی آن کلیک کنید؛ برای دیدن توکن یک نقطه، نشانگر را روی آن نگه دارید</translation>
    </message>
    <message>
        <source>query “%1”, position %2</source>
        <translation>پرسش «%1»، جایگاه %2</translation>
    </message>
    <message>
        <source>key “%1”, position %2: weight %3 from query “%4”</source>
        <translation>کلید «%1»، جایگاه %2: وزن %3 از پرسش «%4»</translation>
    </message>
    <message>
        <source>Queries and keys of layer %1, head %2</source>
        <translation>پرسش‌ها و کلیدهای لایهٔ %1، سر %2</translation>
    </message>
    <message>
        <source>query “%1” (token %2)</source>
        <translation>پرسش «%1» (توکن %2)</translation>
    </message>
</context>
<context>
    <name>attnlab::widgets::ResidualView</name>
    <message>
        <source>Layer %1, token “%2”</source>
        <translation>لایهٔ %1، توکن «%2»</translation>
    </message>
    <message>
        <source>MLP</source>
        <translation>MLP</translation>
    </message>
    <message>
        <source>in</source>
        <translation>ورودی</translation>
    </message>
    <message>
        <source>input</source>
        <translation>ورودی</translation>
    </message>
    <message>
        <source>after %1</source>
        <translation>پس از %1</translation>
    </message>
    <message>
        <source>layer %1</source>
        <translation>لایهٔ %1</translation>
    </message>
    <message>
        <source>No trace yet: type a sentence to see its residual stream</source>
        <translation>هنوز محاسبه‌ای نیست: جمله‌ای بنویسید تا جریان باقی‌ماندهٔ آن را ببینید</translation>
    </message>
    <message>
        <source>This trace has no residual stream (matrix mode computes one attention layer)</source>
        <translation>این محاسبه جریان باقی‌مانده ندارد (حالت ماتریس فقط یک لایهٔ توجه را محاسبه می‌کند)</translation>
    </message>
    <message>
        <source>Residual stream of “%1” (token %2) through %3 layers</source>
        <translation>جریان باقی‌ماندهٔ «%1» (توکن %2) در %3 لایه</translation>
    </message>
    <message>
        <source>click a bar to open its layer</source>
        <translation>برای باز کردن لایه روی میله کلیک کنید</translation>
    </message>
    <message>
        <source>‖Δ‖ added</source>
        <translation>⁦‖Δ‖⁩ افزوده</translation>
    </message>
    <message>
        <source>attention</source>
        <translation>توجه</translation>
    </message>
    <message>
        <source>cos %1</source>
        <translation>⁦cos %1⁩</translation>
    </message>
    <message>
        <source>line: length ‖x‖ of the stream entering layer 1 and after each layer</source>
        <translation>خط: طول ⁦‖x‖⁩ جریان هنگام ورود به لایهٔ ۱ و پس از هر لایه</translation>
    </message>
    <message>
        <source>bars: length ‖Δ‖ of what attention and the MLP add to the stream (lengths do not add up)</source>
        <translation>میله‌ها: طول ⁦‖Δ‖⁩ آنچه توجه و ⁦MLP⁩ به جریان می‌افزایند (طول‌ها جمع‌پذیر نیستند)</translation>
    </message>
    <message>
        <source>over a bar: cos(Δ, x), 1 = along the stream, 0 = across it, −1 = against it</source>
        <translation>بالای میله: ⁦cos(Δ, x)⁩؛ ⁦1⁩ = هم‌جهت با جریان، ⁦0⁩ = عمود بر آن، ⁦−1⁩ = خلاف آن</translation>
    </message>
    <message>
        <source>post-norm: the stream is normalised after each addition, so it is not x + Δ</source>
        <translation>نرمال‌سازی پسین: جریان پس از هر افزودن نرمال می‌شود، پس برابر ⁦x + Δ⁩ نیست</translation>
    </message>
    <message>
        <source>%1: ‖Δ‖ = %2, cos(Δ, x) = %3, ‖x‖ %4 → %5%6</source>
        <translation>%1: ⁦‖Δ‖ = %2, cos(Δ, x) = %3, ‖x‖ %4 → %5⁩%6</translation>
    </message>
    <message>
        <source> (normalised after the addition)</source>
        <translation> (پس از افزودن نرمال می‌شود)</translation>
    </message>
</context>
<context>
    <name>attnlab::widgets::RolloutView</name>
    <message>
        <source>layer %1</source>
        <translation>لایهٔ %1</translation>
    </message>
    <message>
        <source>share (0–1)</source>
        <translation>سهم (⁦0–1⁩)</translation>
    </message>
    <message>
        <source>share (0–max)</source>
        <translation>سهم (۰ تا بیشینه)</translation>
    </message>
    <message>
        <source>share (log)</source>
        <translation>سهم (لگاریتمی)</translation>
    </message>
    <message>
        <source>No trace yet: type a sentence to see its attention flow</source>
        <translation>هنوز محاسبه‌ای نیست: جمله‌ای بنویسید تا جریان توجه آن را ببینید</translation>
    </message>
    <message>
        <source>No trace yet: type a sentence to see its attention rollout</source>
        <translation>هنوز محاسبه‌ای نیست: جمله‌ای بنویسید تا گسترش توجه (rollout) آن را ببینید</translation>
    </message>
    <message>
        <source>Computing the attention rollout…</source>
        <translation>در حال محاسبهٔ گسترش توجه…</translation>
    </message>
    <message>
        <source>Attention rollout is not available: %1</source>
        <translation>گسترش توجه در دسترس نیست: %1</translation>
    </message>
    <message>
        <source>Computing the attention flow of “%1”…</source>
        <translation>در حال محاسبهٔ جریان توجه «%1»…</translation>
    </message>
    <message>
        <source>Attention flow is not available: %1</source>
        <translation>جریان توجه در دسترس نیست: %1</translation>
    </message>
    <message>
        <source>each row: how much of every input token has reached this token after that layer; rows sum to 1</source>
        <translation>هر سطر: پس از آن لایه چه مقدار از هر توکن ورودی به این توکن رسیده است؛ مجموع هر سطر ⁦1⁩ است</translation>
    </message>
    <message>
        <source>Â = ½ · mean of the heads + ½ · I (the residual), multiplied from layer 1 up (Abnar &amp; Zuidema 2020)</source>
        <translation>⁦Â = ½ · mean + ½ · I⁩ (میانگین سرها به‌اضافهٔ باقی‌مانده)، از لایهٔ ⁦1⁩ به بالا در هم ضرب می‌شود (⁦Abnar &amp; Zuidema 2020⁩)</translation>
    </message>
    <message>
        <source>each row: the maximum flow from this token at that layer to every input token, divided by the row&apos;s sum</source>
        <translation>هر سطر: بیشینهٔ جریان از این توکن در آن لایه به هر توکن ورودی، تقسیم بر مجموع سطر</translation>
    </message>
    <message>
        <source>the layers as a flow network whose capacities are Â = ½ · mean of the heads + ½ · I (Abnar &amp; Zuidema 2020)</source>
        <translation>لایه‌ها به‌صورت شبکهٔ جریانی با ظرفیت‌های ⁦Â = ½ · mean + ½ · I⁩ (میانگین سرها به‌اضافهٔ باقی‌مانده) (⁦Abnar &amp; Zuidema 2020⁩)</translation>
    </message>
    <message>
        <source>click a token to follow it</source>
        <translation>برای دنبال کردن یک توکن روی آن کلیک کنید</translation>
    </message>
    <message>
        <source>Attention rollout of “%1” (token %2)</source>
        <translation>گسترش توجه «%1» (توکن %2)</translation>
    </message>
    <message>
        <source>Attention flow of “%1” (token %2)</source>
        <translation>جریان توجه «%1» (توکن %2)</translation>
    </message>
    <message>
        <source>Rollout</source>
        <translation>گسترش توجه</translation>
    </message>
    <message>
        <source>Flow</source>
        <translation>جریان</translation>
    </message>
    <message>
        <source>Attention rollout: the layers&apos; attention multiplied from layer 1 up</source>
        <translation>گسترش توجه: توجه لایه‌ها که از لایهٔ ⁦1⁩ به بالا در هم ضرب شده است</translation>
    </message>
    <message>
        <source>Attention flow: the maximum flow through the layers to each input token</source>
        <translation>جریان توجه: بیشینهٔ جریان از میان لایه‌ها به هر توکن ورودی</translation>
    </message>
    <message>
        <source>Layer %1: “%2” → “%3”: %4</source>
        <translation>لایهٔ %1: «%2» ← «%3»: ⁦%4⁩</translation>
    </message>
</context>
<context>
    <name>attnlab::widgets::StepView</name>
    <message>
        <source>← → step through QKᵀ, scaling, mask, softmax and ×V; ↑ ↓ or a click choose the query row</source>
        <translation>با ← → گام‌به‌گام از QKᵀ، مقیاس‌بندی، ماسک، سافت‌مکس و ×V بگذرید؛ با ↑ ↓ یا کلیک، سطر پرسش را انتخاب کنید</translation>
    </message>
    <message>
        <source>This trace has no attention layer to step through</source>
        <translation>این محاسبه لایهٔ توجهی ندارد که گام‌به‌گام دنبال شود</translation>
    </message>
    <message>
        <source>No trace yet: type matrices or a sentence to step through attention</source>
        <translation>هنوز محاسبه‌ای نیست: ماتریس یا جمله‌ای وارد کنید تا توجه را گام‌به‌گام ببینید</translation>
    </message>
    <message>
        <source> (steps show one head)</source>
        <translation> (گام‌ها یک سر را نشان می‌دهند)</translation>
    </message>
    <message>
        <source>  (no key is masked for this query)</source>
        <translation>  (برای این پرسش هیچ کلیدی ماسک نشده است)</translation>
    </message>
    <message>
        <source>  (masked keys %1 get −∞, so weight 0)</source>
        <translation>  (کلیدهای ماسک‌شدهٔ ⁦%1⁩ مقدار ⁦−∞⁩ و در نتیجه وزن ⁦0⁩ می‌گیرند)</translation>
    </message>
    <message>
        <source>a%1 = 0  (every key is masked for this query)</source>
        <translation>a%1 = 0  (برای این پرسش همهٔ کلیدها ماسک شده‌اند)</translation>
    </message>
    <message>
        <source>mask</source>
        <translation>ماسک</translation>
    </message>
    <message>
        <source>softmax</source>
        <translation>سافت‌مکس</translation>
    </message>
    <message>
        <source>S (unscaled)</source>
        <translation>S (بدون مقیاس‌بندی)</translation>
    </message>
    <message>
        <source>masked</source>
        <translation>ماسک‌شده</translation>
    </message>
    <message>
        <source>each query is compared with every key by a dot product</source>
        <translation>هر پرسش با ضرب داخلی با همهٔ کلیدها مقایسه می‌شود</translation>
    </message>
    <message>
        <source>the scores are scaled so that the softmax does not saturate</source>
        <translation>امتیازها مقیاس‌بندی می‌شوند تا سافت‌مکس اشباع نشود</translation>
    </message>
    <message>
        <source>keys a query may not see become −∞</source>
        <translation>کلیدهایی که پرسش نباید ببیند −∞ می‌شوند</translation>
    </message>
    <message>
        <source>each row turns into weights that sum to 1</source>
        <translation>هر سطر به وزن‌هایی با مجموع 1 تبدیل می‌شود</translation>
    </message>
    <message>
        <source>each output is the weighted average of the value rows</source>
        <translation>هر خروجی میانگین وزن‌دار سطرهای مقدار است</translation>
    </message>
    <message>
        <source>Query row %1%2 at step %3, written out</source>
        <translation>محاسبهٔ سطر پرسش %1%2 در گام %3</translation>
    </message>
    <message>
        <source>Step %1 of %2 · %3: %4</source>
        <translation>گام %1 از %2 · %3: %4</translation>
    </message>
    <message>
        <source>each query is compared with every key by a dot product, after both were RMS-normed per head and rotated by RoPE</source>
        <translation>هر پرسش با ضرب داخلی با همهٔ کلیدها مقایسه می‌شود، پس از آنکه هر دو در هر سر با RMSNorm نرمال و با RoPE چرخانده شدند</translation>
    </message>
    <message>
        <source>each query is compared with every key by a dot product, after both were rotated by RoPE</source>
        <translation>هر پرسش با ضرب داخلی با همهٔ کلیدها مقایسه می‌شود، پس از آنکه هر دو با RoPE چرخانده شدند</translation>
    </message>
    <message>
        <source>the scores are scaled by 1/√%1, the model&apos;s query_pre_attn_scalar, instead of 1/√dₖ = 1/√%2</source>
        <translation>امتیازها به‌جای 1/√dₖ = 1/√%2 با 1/√%1، یعنی query_pre_attn_scalar مدل، مقیاس می‌شوند</translation>
    </message>
    <message>
        <source>layer %1 · head %2%3</source>
        <translation>لایهٔ %1 · سر %2%3</translation>
    </message>
    <message>
        <source>← → move between steps · click a row to choose the query</source>
        <translation>با ← → میان گام‌ها جابه‌جا شوید · برای انتخاب پرسش روی یک سطر کلیک کنید</translation>
    </message>
</context>
<context>
    <name>attnlab::widgets::TokenStrip</name>
    <message>
        <source>Token %1: select it as the query in every view</source>
        <translation>توکن %1: آن را در همهٔ نماها به‌عنوان پرسش انتخاب کنید</translation>
    </message>
    <message>
        <source>Most probable next tokens after token %1:</source>
        <translation>محتمل‌ترین توکن‌های بعد از توکن %1:</translation>
    </message>
    <message>
        <source>Most probable tokens at position %1 (masked-token guess):</source>
        <translation>محتمل‌ترین توکن‌ها در موقعیت %1 (حدس توکن ماسک‌شده):</translation>
    </message>
    <message>
        <source>%1 → %2</source>
        <comment>the prediction before and after switching parts off</comment>
        <translation>⁦%1 → %2⁩</translation>
    </message>
    <message>
        <source>Token %1 with the parts switched off:</source>
        <translation>نشانهٔ %1 با بخش‌های خاموش:</translation>
    </message>
    <message>
        <source>before, the model predicted “%1”: log p %2 → %3 (Δ %4)</source>
        <translation>پیش‌تر مدل «%1» را پیش‌بینی می‌کرد: ⁦log p⁩ ⁦%2 → %3⁩ (⁦Δ %4⁩)</translation>
    </message>
    <message>
        <source>now it predicts “%1”: log p %2 → %3</source>
        <translation>اکنون «%1» را پیش‌بینی می‌کند: ⁦log p⁩ ⁦%2 → %3⁩</translation>
    </message>
    <message>
        <source>it still predicts “%1”</source>
        <translation>هنوز «%1» را پیش‌بینی می‌کند</translation>
    </message>
</context>
<context>
    <name>attnlab::widgets::TraceView</name>
    <message>
        <source>No trace to show</source>
        <translation>محاسبه‌ای برای نمایش نیست</translation>
    </message>
    <message>
        <source>Answer hidden</source>
        <translation>پاسخ پنهان است</translation>
    </message>
</context>
<context>
    <name>attnlab::widgets::TrainingChart</name>
    <message>
        <source>step</source>
        <translation>گام</translation>
    </message>
</context>
</TS>
