<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="zh_CN" sourcelanguage="en">
<context>
    <name>CircleDiagram</name>
    <message>
        <source>loss {loss}</source>
        <translation>损失 {loss}</translation>
    </message>
    <message>
        <source>width ∝ {value}</source>
        <translation>线宽 ∝ {value}</translation>
    </message>
    <message>
        <source>target {value}</source>
        <translation>目标 {value}</translation>
    </message>
    <message>
        <source>activation</source>
        <translation>激活值</translation>
    </message>
    <message>
        <source>Latest step · colours: first sample of the batch · hover for numbers</source>
        <translation>最近一步 · 颜色：本批第一个样本 · 悬停查看数值</translation>
    </message>
    <message>
        <source>{a} = {value}   (the input it carries on the shown sample)</source>
        <translation>{a} = {value}   （它在所示样本上传递的输入）</translation>
    </message>
    <message>
        <source>w·{a} = {w} × {value} = {product}   (its term of z; w before this step&apos;s update)</source>
        <translation>w·{a} = {w} × {value} = {product}   （它在 z 中的项；w 取本步更新前的值）</translation>
    </message>
    <message>
        <source>w·{a} = {product}   (its term of z)</source>
        <translation>w·{a} = {product}   （它在 z 中的项）</translation>
    </message>
    <message>
        <source>∂L/∂w = {gradient}   (the engine&apos;s gradient of this step, averaged over the batch of {batch})</source>
        <translation>∂L/∂w = {gradient}   （引擎在本步算出的梯度，已对这批 {batch} 个样本取平均）</translation>
    </message>
    <message>
        <source>∂L/∂w = {gradient}   (the engine&apos;s gradient of this step)</source>
        <translation>∂L/∂w = {gradient}   （引擎在本步算出的梯度）</translation>
    </message>
    <message>
        <source>δ·a = {gradient}   (this sample&apos;s share of ∂L/∂w: the batch&apos;s gradient is the sum over its {batch} samples, each δ already ÷ {batch})</source>
        <translation>δ·a = {gradient}   （这个样本在 ∂L/∂w 中的份额：整批的梯度是其 {batch} 个样本之和，每个 δ 已经 ÷ {batch}）</translation>
    </message>
    <message>
        <source>∂L/∂w = δ·a = {gradient}   (this step&apos;s gradient, one sample)</source>
        <translation>∂L/∂w = δ·a = {gradient}   （本步的梯度，单个样本）</translation>
    </message>
    <message>
        <source>last Δw = {change}</source>
        <translation>上一步 Δw = {change}</translation>
    </message>
</context>
<context>
    <name>ConfusionMatrixWidget</name>
    <message>
        <source>right (darker: more of the class)</source>
        <translation>正确（越深：该类答对的比例越高）</translation>
    </message>
    <message>
        <source>mistakes (log scale)</source>
        <translation>错误（对数刻度）</translation>
    </message>
    <message>
        <source>% right</source>
        <translation>正确率</translation>
    </message>
    <message>
        <source>true {true}, predicted {predicted}: {count} answered right</source>
        <translation>真实 {true}，预测 {predicted}：{count} 个答对</translation>
    </message>
    <message>
        <source>true {true}, predicted {predicted}: {count} taken for {predicted}</source>
        <translation>真实 {true}，预测 {predicted}：{count} 个被误认为 {predicted}</translation>
    </message>
    <message>
        <source> ({share} of the {total} {true}s)</source>
        <translation>（占全部 {total} 个 {true} 的 {share}）</translation>
    </message>
    <message>
        <source>click to see them</source>
        <translation>点击查看这些样本</translation>
    </message>
    <message>
        <source>predicted</source>
        <translation>预测</translation>
    </message>
    <message>
        <source>true label</source>
        <translation>真实标签</translation>
    </message>
</context>
<context>
    <name>ControlPanel</name>
    <message>
        <source>Data and preset</source>
        <translation>数据与预设</translation>
    </message>
    <message>
        <source>Preset</source>
        <translation>预设</translation>
    </message>
    <message>
        <source>Start from one of the classic examples (dataset, network and settings)</source>
        <translation>从一个经典示例开始（数据集、网络和设置）</translation>
    </message>
    <message>
        <source>What the settings below build and how they train</source>
        <translation>下面的设置构建什么网络、如何训练</translation>
    </message>
    <message>
        <source>Network</source>
        <translation>网络</translation>
    </message>
    <message>
        <source>+ hidden layer</source>
        <translation>+ 隐藏层</translation>
    </message>
    <message>
        <source>Add a hidden layer before the output layer</source>
        <translation>在输出层之前添加一个隐藏层</translation>
    </message>
    <message>
        <source>Output</source>
        <translation>输出层</translation>
    </message>
    <message>
        <source>Activation function of the output layer</source>
        <translation>输出层的激活函数</translation>
    </message>
    <message>
        <source>Loss</source>
        <translation>损失函数</translation>
    </message>
    <message>
        <source>The loss function the network minimises; cross-entropies need sigmoid or softmax outputs</source>
        <translation>网络要最小化的损失函数；交叉熵要求输出层使用 sigmoid 或 softmax</translation>
    </message>
    <message>
        <source>Initialisation</source>
        <translation>初始化</translation>
    </message>
    <message>
        <source>How the starting weights are drawn: textbook N(0, 1/n_in), Xavier, or He</source>
        <translation>初始权重的抽取方式：教科书式 N(0, 1/n_in)、Xavier 或 He</translation>
    </message>
    <message>
        <source>Seed</source>
        <translation>随机种子</translation>
    </message>
    <message>
        <source>Random seed: the same seed gives the same starting weights and sample order</source>
        <translation>随机种子：同一个种子给出相同的初始权重和样本顺序</translation>
    </message>
    <message>
        <source>New</source>
        <translation>新种子</translation>
    </message>
    <message>
        <source>Draw a new seed (new starting weights) and reset</source>
        <translation>抽取新的种子（新的初始权重）并重置</translation>
    </message>
    <message>
        <source>Training</source>
        <translation>训练</translation>
    </message>
    <message>
        <source>Learning rate</source>
        <translation>学习率</translation>
    </message>
    <message>
        <source>Gradient descent</source>
        <translation>梯度下降</translation>
    </message>
    <message>
        <source>Batch size</source>
        <translation>批大小</translation>
    </message>
    <message>
        <source>Optimiser</source>
        <translation>优化器</translation>
    </message>
    <message>
        <source>Momentum</source>
        <translation>动量</translation>
    </message>
    <message>
        <source>L2</source>
        <translation>L2 正则化</translation>
    </message>
    <message>
        <source>Epochs</source>
        <translation>训练轮数</translation>
    </message>
    <message>
        <source>Learning rate (log scale, 1-2-3-5 in each decade): how far each step moves the weights; applies at the next step</source>
        <translation>学习率（对数刻度，每个数量级取 1、2、3、5）：每一步把权重移动多远；下一步起生效</translation>
    </message>
    <message>
        <source>Type any learning rate above 0 and up to {max} (e.g. 0.003 or 3e-3), then Enter</source>
        <translation>输入大于 0、不超过 {max} 的任意学习率（如 0.003 或 3e-3），然后按回车</translation>
    </message>
    <message>
        <source>Gradient descent: update after each sample, each mini-batch, or the whole set</source>
        <translation>梯度下降：每个样本、每个小批量或整个训练集之后更新一次</translation>
    </message>
    <message>
        <source>Samples per update in mini-batch mode; applies at the next step</source>
        <translation>小批量模式下每次更新所用的样本数；下一步起生效</translation>
    </message>
    <message>
        <source>Optimiser, the update rule: plain SGD, SGD with momentum, or Adam</source>
        <translation>优化器，即更新规则：普通 SGD、带动量的 SGD 或 Adam</translation>
    </message>
    <message>
        <source>Momentum: how much of the previous update carries over (momentum optimiser)</source>
        <translation>动量：上一次更新有多少延续到这一次（动量优化器）</translation>
    </message>
    <message>
        <source>L2 regularisation: pulls every weight (not the biases) toward zero each step</source>
        <translation>L2 正则化：每一步把每个权重（不含偏置）向零拉近</translation>
    </message>
    <message>
        <source>Play stops after this many epochs (Play again to continue)</source>
        <translation>训练这么多轮后播放停止（再按播放继续）</translation>
    </message>
    <message>
        <source>{preset}, changed: {description}</source>
        <translation>{preset}（已修改）：{description}</translation>
    </message>
    <message>
        <source>Loaded model: {description}</source>
        <translation>载入的模型：{description}</translation>
    </message>
    <message>
        <source>input layer: 1 feature</source>
        <translation>输入层：1 个特征</translation>
    </message>
    <message>
        <source>input layer: {n} features</source>
        <translation>输入层：{n} 个特征</translation>
    </message>
    <message>
        <source>{problem}; it stays {lr}.</source>
        <translation>{problem}；学习率仍为 {lr}。</translation>
    </message>
    <message>
        <source>mean squared error</source>
        <translation>均方误差</translation>
    </message>
    <message>
        <source>binary cross-entropy</source>
        <translation>二元交叉熵</translation>
    </message>
    <message>
        <source>categorical cross-entropy</source>
        <translation>多分类交叉熵</translation>
    </message>
    <message>
        <source>stochastic (1 sample)</source>
        <translation>随机（每步 1 个样本）</translation>
    </message>
    <message>
        <source>mini-batch</source>
        <translation>小批量</translation>
    </message>
    <message>
        <source>full batch</source>
        <translation>全批量</translation>
    </message>
    <message>
        <source>plain SGD</source>
        <translation>普通 SGD</translation>
    </message>
    <message>
        <source>SGD with momentum</source>
        <translation>带动量的 SGD</translation>
    </message>
    <message>
        <source>Adam</source>
        <translation>Adam</translation>
    </message>
    <message>
        <source>textbook N(0, 1/n_in)</source>
        <translation>教科书式 N(0, 1/n_in)</translation>
    </message>
    <message>
        <source>Xavier</source>
        <translation>Xavier</translation>
    </message>
    <message>
        <source>He</source>
        <translation>He</translation>
    </message>
    <message>
        <source>“{text}” is not a number (type one such as 0.003 or 3e-3)</source>
        <translation>“{text}”不是数字（请输入 0.003 或 3e-3 这样的数）</translation>
    </message>
    <message>
        <source>A learning rate must be above 0 and at most {max}</source>
        <translation>学习率必须大于 0 且不超过 {max}</translation>
    </message>
    <message>
        <source>Learning rate: {lr}</source>
        <translation>学习率：{lr}</translation>
    </message>
    <message>
        <source>Gradient descent: {mode}</source>
        <translation>梯度下降：{mode}</translation>
    </message>
    <message>
        <source>Batch size: 1 sample per step</source>
        <translation>批大小：每步 1 个样本</translation>
    </message>
    <message>
        <source>Batch size: {n} samples per step</source>
        <translation>批大小：每步 {n} 个样本</translation>
    </message>
    <message>
        <source>Optimiser: {optimizer}</source>
        <translation>优化器：{optimizer}</translation>
    </message>
    <message>
        <source>Momentum: {momentum}</source>
        <translation>动量：{momentum}</translation>
    </message>
    <message>
        <source>L2 regularisation: {l2}</source>
        <translation>L2 正则化：{l2}</translation>
    </message>
    <message>
        <source>Train until stopped</source>
        <translation>一直训练，直到手动停止</translation>
    </message>
    <message>
        <source>Training stops after 1 epoch</source>
        <translation>训练 1 轮后停止</translation>
    </message>
    <message>
        <source>Training stops after {n} epochs</source>
        <translation>训练 {n} 轮后停止</translation>
    </message>
    <message>
        <source>Augmented images: on</source>
        <translation>图像增强：开</translation>
    </message>
    <message>
        <source>Augmented images: off</source>
        <translation>图像增强：关</translation>
    </message>
    <message>
        <source>{change} (applies at the next step)</source>
        <translation>{change}（下一步起生效）</translation>
    </message>
</context>
<context>
    <name>CsvDialog</name>
    <message>
        <source>decide from the label column</source>
        <translation>根据标签列自动判断</translation>
    </message>
    <message>
        <source>classification (classes)</source>
        <translation>分类（类别）</translation>
    </message>
    <message>
        <source>regression (a number to predict)</source>
        <translation>回归（预测一个数值）</translation>
    </message>
    <message>
        <source>Import CSV</source>
        <translation>导入 CSV</translation>
    </message>
    <message>
        <source>the CSV file to train on</source>
        <translation>用来训练的 CSV 文件</translation>
    </message>
    <message>
        <source>A CSV file with a header row: numeric feature columns and one label column</source>
        <translation>带表头行的 CSV 文件：若干数值特征列和一个标签列</translation>
    </message>
    <message>
        <source>Choose…</source>
        <translation>选择…</translation>
    </message>
    <message>
        <source>Choose a CSV file</source>
        <translation>选择一个 CSV 文件</translation>
    </message>
    <message>
        <source>The file&apos;s first {n} rows; the label column is highlighted</source>
        <translation>文件的前 {n} 行；标签列以粗体标出</translation>
    </message>
    <message>
        <source>Label column</source>
        <translation>标签列</translation>
    </message>
    <message>
        <source>The column the network learns to predict; every other column is an input</source>
        <translation>网络学习预测的那一列；其余各列都是输入</translation>
    </message>
    <message>
        <source>Task</source>
        <translation>任务</translation>
    </message>
    <message>
        <source>Decide from the label column: whole numbers with at most 20 values or text are classes, other numbers a regression target</source>
        <translation>根据标签列判断：不超过 20 种取值的整数或文本视为类别，其他数值视为回归目标</translation>
    </message>
    <message>
        <source>Standardise the columns (mean 0, standard deviation 1)</source>
        <translation>标准化各列（均值 0，标准差 1）</translation>
    </message>
    <message>
        <source>Scale every feature (and a regression target) by the training rows&apos; mean and standard deviation; the model file keeps them for predictions</source>
        <translation>用训练行的均值和标准差缩放每个特征（以及回归目标）；模型文件会保存它们，供预测时使用</translation>
    </message>
    <message>
        <source>Import</source>
        <translation>导入</translation>
    </message>
    <message>
        <source>{file} has only one column; it needs features and a label</source>
        <translation>{file} 只有一列；需要特征列和标签列</translation>
    </message>
    <message>
        <source>The first row; Import reads and checks the whole file.</source>
        <translation>前 1 行；点“导入”时读取并检查整个文件。</translation>
    </message>
    <message>
        <source>The first {n} rows; Import reads and checks the whole file.</source>
        <translation>前 {n} 行；点“导入”时读取并检查整个文件。</translation>
    </message>
    <message>
        <source>CSV files (*.csv);;All files (*)</source>
        <translation>CSV 文件 (*.csv);;所有文件 (*)</translation>
    </message>
</context>
<context>
    <name>CsvImport</name>
    <message>
        <source>{path}: is a folder, not a CSV file</source>
        <translation>{path}：是文件夹，不是 CSV 文件</translation>
    </message>
    <message>
        <source>{path}: no such file</source>
        <translation>{path}：没有这个文件</translation>
    </message>
    <message>
        <source>{path}: cannot be read (permission denied)</source>
        <translation>{path}：无法读取（权限不足）</translation>
    </message>
    <message>
        <source>{name}: is not a text file (it holds NUL bytes); save it as CSV</source>
        <translation>{name}：不是文本文件（含有 NUL 字节）；请将它另存为 CSV</translation>
    </message>
    <message>
        <source>{name}: the file is empty</source>
        <translation>{name}：文件是空的</translation>
    </message>
    <message>
        <source>{name}: row 1 holds a single column; nnviz needs feature columns and a label column, separated by commas, semicolons or tabs</source>
        <translation>{name}：第 1 行只有一列；nnviz 需要若干特征列和一个标签列，以逗号、分号或制表符分隔</translation>
    </message>
    <message>
        <source>{where}: {n_cells} columns; nnviz reads at most {max_columns}</source>
        <translation>{where}：{n_cells} 列；nnviz 最多读取 {max_columns} 列</translation>
    </message>
    <message>
        <source>{where}: holds numbers, not column names; add a header row that names the columns</source>
        <translation>{where}：是数字而不是列名；请添加一个为各列命名的表头行</translation>
    </message>
    <message>
        <source>{name}: no column called {label_column}; the columns are {shown}</source>
        <translation>{name}：没有名为 {label_column} 的列；现有的列为 {shown}</translation>
    </message>
    <message>
        <source>{file}, row {row}, column {column}</source>
        <extracomment>task &quot;auto&quot;: a label column of whole numbers with at most this many distinct values holds classes; any other numeric column is a regression target. Cells that mean &quot;no value here&quot;, compared lower-case.</extracomment>
        <translation>{file}，第 {row} 行，{column} 列</translation>
    </message>
    <message>
        <source>{file}, row {row}</source>
        <translation>{file}，第 {row} 行</translation>
    </message>
    <message>
        <source>{file}, column {column}</source>
        <translation>{file}，{column} 列</translation>
    </message>
    <message>
        <source>{where}: missing value ({cell})</source>
        <translation>{where}：缺少值（{cell}）</translation>
    </message>
    <message>
        <source>{where}: missing value</source>
        <translation>{where}：缺少值</translation>
    </message>
    <message>
        <source>{name}: the file is {size} MB; nnviz reads CSV files of at most {most} MB</source>
        <translation>{name}：文件大小为 {size} MB；nnviz 读取的 CSV 文件最大为 {most} MB</translation>
    </message>
    <message>
        <source>{path}: cannot be read ({reason})</source>
        <translation>{path}：无法读取（{reason}）</translation>
    </message>
    <message>
        <source>{name}: the file is over {most} MB; nnviz reads CSV files of at most {most} MB</source>
        <translation>{name}：文件超过 {most} MB；nnviz 读取的 CSV 文件最大为 {most} MB</translation>
    </message>
    <message>
        <source>{where}: columns {first} and {second} are both called {column}; give each column its own name</source>
        <translation>{where}：第 {first} 列和第 {second} 列都叫 {column}；请给每一列取不同的名字</translation>
    </message>
    <message>
        <source>{name}: has only the column {column}; nnviz needs at least one feature column besides the label</source>
        <translation>{name}：只有 {column} 这一列；除标签外，nnviz 至少需要一个特征列</translation>
    </message>
    <message>
        <source>{where}: more than {max_rows} data rows; nnviz reads at most {max_rows}</source>
        <translation>{where}：数据行超过 {max_rows} 行；nnviz 最多读取 {max_rows} 行</translation>
    </message>
    <message>
        <source>{where}: not readable as CSV ({e}; is a quote left open?)</source>
        <translation>{where}：无法按 CSV 读取（{e}；是否有未闭合的引号？）</translation>
    </message>
    <message>
        <source>{where}: {n_trimmed} values, but the header (row {header_row}) names {width} columns</source>
        <translation>{where}：有 {n_trimmed} 个值，但表头行（第 {header_row} 行）给出了 {width} 列</translation>
    </message>
    <message>
        <source>{where}: missing value (the row has {n_cells} values, the header names {width} columns)</source>
        <translation>{where}：缺少值（该行有 {n_cells} 个值，表头行给出了 {width} 列）</translation>
    </message>
    <message>
        <source>{where}: {cell} is not a number; every column but the label must hold numbers</source>
        <translation>{where}：{cell} 不是数字；除标签列外，每一列都必须是数字</translation>
    </message>
    <message>
        <source>{where}: missing value (NaN)</source>
        <translation>{where}：缺少值（NaN）</translation>
    </message>
    <message>
        <source>{where}: the number is not finite (infinite or too large)</source>
        <translation>{where}：数值不是有限数（无穷大或过大）</translation>
    </message>
    <message>
        <source>{where}: every row has the label {label}; classification needs at least two classes</source>
        <translation>{where}：每一行的标签都是 {label}；分类至少需要两个类别</translation>
    </message>
    <message>
        <source>{where}: every row has the target {target}; there is nothing to predict</source>
        <translation>{where}：每一行的目标值都是 {target}；没有什么可预测的</translation>
    </message>
    <message>
        <source>{name}: only one data row (row {row}); nnviz needs at least 2 rows, one to train on and one to test</source>
        <translation>{name}：只有一行数据（第 {row} 行）；nnviz 至少需要 2 行，一行用于训练，一行用于测试</translation>
    </message>
    <message>
        <source>{where}: {n_names} different labels; nnviz classifies at most {max_classes} classes (for a numeric target, choose regression)</source>
        <translation>{where}：有 {n_names} 种不同的标签；nnviz 最多对 {max_classes} 个类别分类（如果目标是数值，请选择回归）</translation>
    </message>
    <message>
        <source>{where}: {cell} is not a number; a regression target must be numeric</source>
        <translation>{where}：{cell} 不是数字；回归的目标必须是数值</translation>
    </message>
    <message>
        <source>{name}: the header (row {header_row}) has no data rows under it</source>
        <translation>{name}：表头行（第 {header_row} 行）下面没有数据行</translation>
    </message>
    <message>
        <source>{file}: row {row} is longer than {most} characters; is it a CSV file?</source>
        <translation>{file}：第 {row} 行超过 {most} 个字符；这是 CSV 文件吗？</translation>
    </message>
    <message>
        <source>{file} is not a text (UTF-8) file; choose a CSV file</source>
        <translation>{file} 不是文本（UTF-8）文件；请选择 CSV 文件</translation>
    </message>
    <message>
        <source>{file} is a folder; choose a CSV file</source>
        <translation>{file} 是文件夹；请选择 CSV 文件</translation>
    </message>
    <message>
        <source>{file} cannot be read: {reason}</source>
        <translation>{file} 无法读取：{reason}</translation>
    </message>
    <message>
        <source>{file} is empty: it needs a header row with the column names</source>
        <translation>{file} 是空的：它需要一个写有列名的表头行</translation>
    </message>
</context>
<context>
    <name>CurveReadout</name>
    <message>
        <source>accuracy</source>
        <extracomment>The raw loss of every step, opaque but pale: at one sample a step it is a dense band, and the smoothed line on top of it must stand out (opaque, because translucent lines draw slowly). The running training accuracy: the train hue, paler than the epochs&apos; markers it leads up to.</extracomment>
        <translation>准确率</translation>
    </message>
    <message>
        <source>loss {loss}</source>
        <translation>损失 {loss}</translation>
    </message>
    <message>
        <source>loss {low}–{high} (mean {mean})</source>
        <translation>损失 {low}–{high}（平均 {mean}）</translation>
    </message>
    <message>
        <source>smoothed {loss}</source>
        <translation>平滑后 {loss}</translation>
    </message>
    <message>
        <source>step {step}</source>
        <translation>第 {step} 步</translation>
    </message>
    <message>
        <source>train {score} {value} over the last {samples} samples</source>
        <translation>训练{score} {value}（最近 {samples} 个样本）</translation>
    </message>
    <message>
        <source>train {loss}, {score}</source>
        <translation>训练集 {loss}，{score}</translation>
    </message>
    <message>
        <source>test {loss}, {score}</source>
        <translation>测试集 {loss}，{score}</translation>
    </message>
    <message>
        <source>after epoch {epoch} (step {step}):</source>
        <translation>第 {epoch} 轮结束时（第 {step} 步）：</translation>
    </message>
</context>
<context>
    <name>Data</name>
    <message>
        <source>blue</source>
        <extracomment>The standard deviation of the classification sets&apos; noise at noise = 1, in feature units: about the spread of the clean points themselves. Class 0 and class 1 of the classification sets, named after the colours nnviz draws them in.</extracomment>
        <translation>蓝</translation>
    </message>
    <message>
        <source>orange</source>
        <translation>橙</translation>
    </message>
    <message>
        <source>male</source>
        <translation>男</translation>
    </message>
    <message>
        <source>female</source>
        <translation>女</translation>
    </message>
    <message>
        <source>weight − {offset} lb</source>
        <translation>体重 − {offset} 磅</translation>
    </message>
    <message>
        <source>height − {offset} in</source>
        <translation>身高 − {offset} 英寸</translation>
    </message>
</context>
<context>
    <name>DataFit</name>
    <message>
        <source>1 input feature, not {before}</source>
        <extracomment>Kinds whose shape is known without loading them (a CSV file&apos;s is not). The presets that go with a kind of data (a generator&apos;s preset has the generator&apos;s name). The network data without a preset of its own (a CSV file) starts with, fitted to its features.</extracomment>
        <translation>1 个输入特征，而不是 {before} 个</translation>
    </message>
    <message>
        <source>{after} input features, not {before}</source>
        <translation>{after} 个输入特征，而不是 {before} 个</translation>
    </message>
    <message>
        <source>a {after} task, not {before}</source>
        <translation>{after}任务，而不是{before}任务</translation>
    </message>
    <message>
        <source>{after} classes, not {before}</source>
        <translation>{after} 个类别，而不是 {before} 个</translation>
    </message>
    <message>
        <source>{data} has {what}: the network cannot train on it without a rebuild</source>
        <translation>{data} 有{what}：不重建网络就无法在它上面训练</translation>
    </message>
    <message>
        <source>classification</source>
        <extracomment>The tasks&apos; names in messages (shared with nnviz.training.data_fit&apos;s).</extracomment>
        <translation>分类</translation>
    </message>
    <message>
        <source>regression</source>
        <translation>回归</translation>
    </message>
</context>
<context>
    <name>DataPanel</name>
    <message>
        <source>XOR (4 points)</source>
        <translation>XOR（4 个点）</translation>
    </message>
    <message>
        <source>gender (4 people)</source>
        <translation>性别（4 个人）</translation>
    </message>
    <message>
        <source>circle</source>
        <extracomment>The generators&apos; names as the list shows them (the names themselves are what `--data` takes).</extracomment>
        <translation>圆环</translation>
    </message>
    <message>
        <source>gaussians</source>
        <translation>高斯团</translation>
    </message>
    <message>
        <source>spiral</source>
        <translation>螺旋</translation>
    </message>
    <message>
        <source>xor-cloud</source>
        <translation>XOR 点云</translation>
    </message>
    <message>
        <source>plane</source>
        <translation>平面</translation>
    </message>
    <message>
        <source>bump</source>
        <translation>山丘</translation>
    </message>
    <message>
        <source>sin</source>
        <translation>正弦</translation>
    </message>
    <message>
        <source>Click the surface to add a point: left = blue, right = orange; drag a point to move it.</source>
        <translation>单击决策面添加一个点：左键 = 蓝色，右键 = 橙色；拖动一个点可以移动它。</translation>
    </message>
    <message>
        <source>Click the surface to add a point: left = the set&apos;s highest value, right = its lowest; drag a point to move it.</source>
        <translation>单击决策面添加一个点：左键 = 数据集中的最大值，右键 = 最小值；拖动一个点可以移动它。</translation>
    </message>
    <message>
        <source>The data the network learns from; generated sets can be edited on the surface</source>
        <extracomment>The learner chose data: (DatasetSpec, DataShape | None). The rows&apos; names in the form: dataset, noise, share, points, seed.</extracomment>
        <translation>网络学习所用的数据；生成的数据集可以在决策面上编辑</translation>
    </message>
    <message>
        <source>How much the points scatter around the generator&apos;s pattern (0 to 0.5)</source>
        <translation>数据点围绕生成图案的散布程度（0 到 0.5）</translation>
    </message>
    <message>
        <source>The share of the points used for training; the rest are the test split</source>
        <translation>用于训练的数据点比例；其余的作为测试集</translation>
    </message>
    <message>
        <source>How many points the generator draws (training and test together)</source>
        <translation>生成的数据点个数（训练集和测试集合计）</translation>
    </message>
    <message>
        <source>Import CSV…</source>
        <translation>导入 CSV…</translation>
    </message>
    <message>
        <source>Train on your own data: a CSV file with a header row</source>
        <translation>用你自己的数据训练：一个带表头行的 CSV 文件</translation>
    </message>
    <message>
        <source>Dataset</source>
        <translation>数据集</translation>
    </message>
    <message>
        <source>Noise</source>
        <translation>噪声</translation>
    </message>
    <message>
        <source>Train / test</source>
        <translation>训练 / 测试</translation>
    </message>
    <message>
        <source>Points</source>
        <translation>点数</translation>
    </message>
    <message>
        <source>Data seed</source>
        <translation>数据种子</translation>
    </message>
    <message>
        <source>{label} ({path})</source>
        <translation>{label}（{path}）</translation>
    </message>
    <message>
        <source>New split</source>
        <translation>重新划分</translation>
    </message>
    <message>
        <source>Shuffle the rows into a new training/test split (a new seed)</source>
        <translation>打乱各行，重新划分训练集和测试集（新的种子）</translation>
    </message>
    <message>
        <source>The seed of the rows&apos; shuffle before the training/test split</source>
        <translation>划分训练集和测试集之前打乱各行所用的种子</translation>
    </message>
    <message>
        <source>Regenerate</source>
        <translation>重新生成</translation>
    </message>
    <message>
        <source>Draw a fresh set of points (a new data seed); the network trains on</source>
        <translation>重新抽取一组数据点（新的数据种子）；网络继续训练</translation>
    </message>
    <message>
        <source>The generator&apos;s seed: the same seed draws the same points</source>
        <translation>生成器的种子：同一个种子生成相同的数据点</translation>
    </message>
    <message>
        <source>a regression of {target}</source>
        <translation>对 {target} 的回归</translation>
    </message>
    <message>
        <source>{n} classes</source>
        <translation>{n} 个类别</translation>
    </message>
    <message>
        <source>{file}: {train} training and {test} test rows, {features} features, {task}; standardised.</source>
        <translation>{file}：训练 {train} 行、测试 {test} 行，{features} 个特征，{task}；已标准化。</translation>
    </message>
    <message>
        <source>{file}: {train} training and {test} test rows, {features} features, {task}.</source>
        <translation>{file}：训练 {train} 行、测试 {test} 行，{features} 个特征，{task}。</translation>
    </message>
    <message>
        <source>1 point placed by hand. {hint}</source>
        <translation>手动放置了 1 个点。{hint}</translation>
    </message>
    <message>
        <source>{n} points placed by hand. {hint}</source>
        <translation>手动放置了 {n} 个点。{hint}</translation>
    </message>
    <message>
        <source>One input: the plot shows the network&apos;s curve through the points.</source>
        <translation>只有一个输入：图中画出网络穿过这些点的曲线。</translation>
    </message>
    <message>
        <source>Fixed data. To add points with the mouse, choose a generated set (circle, spiral, …).</source>
        <translation>固定数据。要用鼠标添加点，请选择一个生成的数据集（圆环、螺旋……）。</translation>
    </message>
    <message>
        <source>{name} (regression)</source>
        <translation>{name}（回归）</translation>
    </message>
    <message>
        <source>{generator}: your points</source>
        <translation>{generator}：你的点</translation>
    </message>
    <message>
        <source>MNIST digits</source>
        <translation>MNIST 手写数字</translation>
    </message>
</context>
<context>
    <name>DiagramView</name>
    <message>
        <source>Your drawing&apos;s forward pass · hover a neuron for its numbers</source>
        <extracomment>The caption at the top: the phase&apos;s label in slow motion, &quot;&quot; otherwise.</extracomment>
        <translation>你手写输入的前向传播 · 悬停在神经元上查看数值</translation>
    </message>
    <message>
        <source>Waiting for the first training step</source>
        <translation>正在等待第一个训练步</translation>
    </message>
    <message>
        <source>Latest step · first sample of the batch · hover a neuron for its numbers</source>
        <translation>最近一步 · 本批第一个样本 · 悬停在神经元上查看数值</translation>
    </message>
    <message>
        <source>{name} · input {input} of {inputs}</source>
        <translation>{name} · 第 {input} 个输入（共 {inputs} 个）</translation>
    </message>
    <message>
        <source>input {input} of {inputs}: {name}</source>
        <translation>第 {input} 个输入（共 {inputs} 个）：{name}</translation>
    </message>
    <message>
        <source>output{activation} · {meaning}</source>
        <translation>输出{activation} · {meaning}</translation>
    </message>
    <message>
        <source>hidden {layer} · neuron {number} of {size}{activation}</source>
        <translation>隐藏层 {layer} · 神经元 {number}（共 {size} 个）{activation}</translation>
    </message>
    <message>
        <source>output {number} of {size} (class {meaning}){activation}</source>
        <translation>输出 {number}（共 {size} 个，类别 {meaning}）{activation}</translation>
    </message>
    <message>
        <source>(first sample of a batch of {batch})</source>
        <translation>（一批 {batch} 个样本中的第一个）</translation>
    </message>
    <message>
        <source>z, a, δ: no step yet</source>
        <translation>z、a、δ：还没有训练步</translation>
    </message>
    <message>
        <source>δ: none (no training step)</source>
        <translation>δ：无（没有训练步）</translation>
    </message>
    <message>
        <source>target = {value}</source>
        <translation>目标 = {value}</translation>
    </message>
    <message>
        <source>bias b = {bias}   (after this step; Δb = {change})</source>
        <translation>偏置 b = {bias}   （本步更新后；Δb = {change}）</translation>
    </message>
    <message>
        <source>bias b = {bias}</source>
        <translation>偏置 b = {bias}</translation>
    </message>
    <message>
        <source>incoming weights ({count}):</source>
        <translation>输入权重（{count} 个）：</translation>
    </message>
    <message>
        <source>incoming weights ({count}), |w| ≤ {largest}; strongest:</source>
        <translation>输入权重（{count} 个），|w| ≤ {largest}；最强的几个：</translation>
    </message>
    <message>
        <source>  from {source}: {value}</source>
        <translation>  来自 {source}：{value}</translation>
    </message>
    <message>
        <source>last step moved them by ‖Δw‖ = {norm}</source>
        <translation>上一步使它们移动了 ‖Δw‖ = {norm}</translation>
    </message>
    <message>
        <source>No network yet</source>
        <translation>还没有网络</translation>
    </message>
</context>
<context>
    <name>DigitPreview</name>
    <message>
        <source>Your drawing as the network receives it, the way MNIST&apos;s digits were made: cropped to the ink,
scaled so its longer side is 20 pixels, and centred by its centre of mass in 28×28 pixels.
Each of the 784 pixels is one input neuron, shown as in the network diagram: dark = 1 (ink), white = 0.</source>
        <translation>网络接收到的你写的数字，处理方式与 MNIST 的数字相同：裁剪到笔迹范围，
缩放到长边为 20 像素，再按质心居中放进 28×28 像素。
784 个像素各是一个输入神经元，显示方式与网络图相同：深色 = 1（笔迹），白色 = 0。</translation>
    </message>
</context>
<context>
    <name>DrawingCanvas</name>
    <message>
        <source>Draw a digit (0–9) with the mouse</source>
        <translation>用鼠标写一个数字（0–9）</translation>
    </message>
    <message>
        <source>cannot write {path}</source>
        <translation>无法写入 {path}</translation>
    </message>
</context>
<context>
    <name>DrawingPad</name>
    <message>
        <source>Bundled model</source>
        <extracomment>The classifier sources in the order the combo box lists them: name -&gt; what the learner reads (a marked template: `said()` gives it in the window&apos;s language).</extracomment>
        <translation>内置模型</translation>
    </message>
    <message>
        <source>Network in training</source>
        <translation>训练中的网络</translation>
    </message>
    <message>
        <source>Model file…</source>
        <translation>模型文件…</translation>
    </message>
    <message>
        <source>The bundled model is not available.</source>
        <extracomment>What the pad says in place of the bars when a source has no classifier and no note of its own.</extracomment>
        <translation>内置模型不可用。</translation>
    </message>
    <message>
        <source>The network in training does not classify digits. Train an MNIST preset to classify your drawing with it.</source>
        <translation>训练中的网络不识别数字。训练一个 MNIST 预设，就能用它识别你写的数字。</translation>
    </message>
    <message>
        <source>No model file is loaded yet. Pick “Model file…” to choose one.</source>
        <translation>还没有载入模型文件。选择“模型文件…”来挑选一个。</translation>
    </message>
    <message>
        <source>Which network classifies your drawing</source>
        <extracomment>The source the learner picked: &quot;bundled&quot;, &quot;training&quot; or &quot;file&quot;. &quot;Model file…&quot; was picked: the window asks for a file, then calls set_classifier_source(&quot;file&quot;, ...). A Prediction of the current drawing (after every change of the drawing or the classifier). The pad stopped showing a prediction (the canvas was cleared, or the source has no classifier). Seconds the last update spent reading the canvas, preprocessing and running the network.</extracomment>
        <translation>由哪个网络识别你写的数字</translation>
    </message>
    <message>
        <source>Classify with:</source>
        <translation>识别所用网络：</translation>
    </message>
    <message>
        <source>what the network sees ({width}×{height})</source>
        <translation>网络看到的图像（{width}×{height}）</translation>
    </message>
    <message>
        <source>The network&apos;s answer: the class whose output is highest</source>
        <translation>网络的答案：输出最大的类别</translation>
    </message>
    <message>
        <source>Time to read the canvas, crop, scale and centre it, and run one forward pass
(the median of the last {n} updates)</source>
        <translation>读取画布、裁剪、缩放、居中并做一次前向传播所用的时间
（最近 {n} 次更新的中位数）</translation>
    </message>
    <message>
        <source>Clear (Esc)</source>
        <translation>清除 (Esc)</translation>
    </message>
    <message>
        <source>Clear the canvas (Esc)</source>
        <translation>清空画布 (Esc)</translation>
    </message>
    <message>
        <source>Undo ({keys})</source>
        <translation>撤销 ({keys})</translation>
    </message>
    <message>
        <source>Remove the last stroke ({keys})</source>
        <translation>删除最后一笔 ({keys})</translation>
    </message>
    <message>
        <source>Save drawing…</source>
        <translation>保存图像…</translation>
    </message>
    <message>
        <source>Save the drawing as a PNG image, e.g. for `nnviz predict`</source>
        <translation>把写好的数字保存为 PNG 图像，例如供 `nnviz predict` 使用</translation>
    </message>
    <message>
        <source>read + preprocess + forward: {ms} ms</source>
        <translation>读取 + 预处理 + 前向传播：{ms} ms</translation>
    </message>
    <message>
        <source>what the network answers</source>
        <translation>网络给出的答案</translation>
    </message>
    <message>
        <source>output {value}</source>
        <translation>输出 {value}</translation>
    </message>
    <message>
        <source>output {value} — or {other} ({other_value})?</source>
        <translation>输出 {value}——还是 {other}（{other_value}）？</translation>
    </message>
    <message>
        <source>{confidence} confident — or {other} ({probability})?</source>
        <translation>置信度 {confidence}——还是 {other}（{probability}）？</translation>
    </message>
    <message>
        <source>{confidence} confident</source>
        <translation>置信度 {confidence}</translation>
    </message>
    <message>
        <source>Save drawing</source>
        <translation>保存图像</translation>
    </message>
    <message>
        <source>PNG images (*.png)</source>
        <translation>PNG 图像 (*.png)</translation>
    </message>
    <message>
        <source>The drawing could not be saved:
{error}</source>
        <translation>无法保存图像：
{error}</translation>
    </message>
</context>
<context>
    <name>ErrorHeatmaps</name>
    <message>
        <source>relative error</source>
        <extracomment>The colour scale, as log₁₀ of the error. Pale to dark green up to the pass mark, then orange to dark red: a failing cell never looks like a passing one, and within each side darker means closer to (or further past) the mark.</extracomment>
        <translation>相对误差</translation>
    </message>
    <message>
        <source>neuron i · {checked} of {total}</source>
        <translation>神经元 i · 检验 {checked}/{total}</translation>
    </message>
    <message>
        <source>input j · {checked} of {total}</source>
        <translation>输入 j · 检验 {checked}/{total}</translation>
    </message>
    <message>
        <source>neuron j · {checked} of {total}</source>
        <translation>神经元 j · 检验 {checked}/{total}</translation>
    </message>
</context>
<context>
    <name>Errors</name>
    <message>
        <source>[Errno {errno}] {message}</source>
        <translation>[Errno {errno}] {message}</translation>
    </message>
    <message>
        <source>[Errno {errno}] {message}: {file}</source>
        <translation>[Errno {errno}] {message}：{file}</translation>
    </message>
    <message>
        <source>Permission denied</source>
        <translation>权限不够</translation>
    </message>
    <message>
        <source>Operation not permitted</source>
        <translation>不允许的操作</translation>
    </message>
    <message>
        <source>No such file or directory</source>
        <translation>没有那个文件或目录</translation>
    </message>
    <message>
        <source>No space left on device</source>
        <translation>设备上没有空间</translation>
    </message>
    <message>
        <source>Disk quota exceeded</source>
        <translation>超出磁盘限额</translation>
    </message>
    <message>
        <source>Read-only file system</source>
        <translation>只读文件系统</translation>
    </message>
    <message>
        <source>Is a directory</source>
        <translation>是一个目录</translation>
    </message>
    <message>
        <source>Not a directory</source>
        <translation>不是目录</translation>
    </message>
    <message>
        <source>File exists</source>
        <translation>文件已存在</translation>
    </message>
    <message>
        <source>File name too long</source>
        <translation>文件名过长</translation>
    </message>
    <message>
        <source>Input/output error</source>
        <translation>输入/输出错误</translation>
    </message>
    <message>
        <source>Too many open files</source>
        <translation>打开的文件过多</translation>
    </message>
    <message>
        <source>Cannot allocate memory</source>
        <translation>无法分配内存</translation>
    </message>
    <message>
        <source>Connection timed out</source>
        <translation>连接超时</translation>
    </message>
    <message>
        <source>Connection refused</source>
        <translation>连接被拒绝</translation>
    </message>
    <message>
        <source>Connection reset by peer</source>
        <translation>连接被对方重置</translation>
    </message>
    <message>
        <source>No route to host</source>
        <translation>没有到主机的路由</translation>
    </message>
    <message>
        <source>Network is unreachable</source>
        <translation>网络不可达</translation>
    </message>
</context>
<context>
    <name>EvaluationView</name>
    <message>
        <source>Show all mistakes</source>
        <translation>显示全部错误</translation>
    </message>
    <message>
        <source>Show {count} more</source>
        <translation>再显示 {count} 个</translation>
    </message>
    <message>
        <source>Evaluation appears after the first epoch</source>
        <translation>第一轮结束后显示评估结果</translation>
    </message>
    <message>
        <source>At the end of every epoch the network is tested on the {count} test digits it never trains on.</source>
        <translation>每轮结束时，网络都会在从未训练过的 {count} 个测试数字上接受测试。</translation>
    </message>
    <message>
        <source>At the end of every epoch the network is tested on the {count} test samples it never trains on.</source>
        <translation>每轮结束时，网络都会在从未训练过的 {count} 个测试样本上接受测试。</translation>
    </message>
    <message>
        <source>Mistakes</source>
        <translation>错误</translation>
    </message>
    <message>
        <source>The digits the network gets wrong will appear here.</source>
        <translation>网络认错的数字会显示在这里。</translation>
    </message>
    <message>
        <source>Test R² {r2} · RMSE {rmse} after epoch {epoch} ({count} samples)</source>
        <translation>第 {epoch} 轮后测试 R² {r2} · RMSE {rmse}（{count} 个样本）</translation>
    </message>
    <message>
        <source>test loss (MSE) {loss}</source>
        <translation>测试损失（MSE）{loss}</translation>
    </message>
    <message>
        <source>R² {change} since the epoch before</source>
        <translation>R² 比上一轮 {change}</translation>
    </message>
    <message>
        <source>R² = 1: every target predicted exactly; 0: no better than guessing the mean</source>
        <translation>R² = 1：每个目标都预测准确；0：不比猜平均值更好</translation>
    </message>
    <message>
        <source>Test accuracy {accuracy} after epoch {epoch} ({count} digits)</source>
        <translation>第 {epoch} 轮后测试准确率 {accuracy}（{count} 个数字）</translation>
    </message>
    <message>
        <source>Test accuracy {accuracy} after epoch {epoch} ({count} samples)</source>
        <translation>第 {epoch} 轮后测试准确率 {accuracy}（{count} 个样本）</translation>
    </message>
    <message>
        <source>{count} mistakes</source>
        <translation>{count} 个错误</translation>
    </message>
    <message>
        <source>test loss {loss}</source>
        <translation>测试损失 {loss}</translation>
    </message>
    <message>
        <source>{change} points since the epoch before</source>
        <translation>比上一轮 {change} 个百分点</translation>
    </message>
    <message>
        <source>rows: true label · columns: prediction · click a cell to see its digits</source>
        <translation>行：真实标签 · 列：预测 · 点击格子查看其中的数字</translation>
    </message>
    <message>
        <source>Most confident mistakes</source>
        <translation>最有把握的错误</translation>
    </message>
    <message>
        <source>True {true} taken for {predicted}, most confident first</source>
        <translation>真实为 {true} 却被认作 {predicted}，把握最大的在前</translation>
    </message>
    <message>
        <source>{name} answered right, least confident first</source>
        <translation>答对的 {name}，把握最小的在前</translation>
    </message>
    <message>
        <source>{shown} of {total}</source>
        <translation>{shown} / {total}</translation>
    </message>
    <message>
        <source>{title} ({count})</source>
        <translation>{title}（{count}）</translation>
    </message>
    <message>
        <source>test digit #{index}: true {true}, predicted {predicted} with confidence {confidence}</source>
        <translation>测试数字 #{index}：真实 {true}，预测 {predicted}，置信度 {confidence}</translation>
    </message>
    <message>
        <source>test sample #{index}: true {true}, predicted {predicted} with confidence {confidence}</source>
        <translation>测试样本 #{index}：真实 {true}，预测 {predicted}，置信度 {confidence}</translation>
    </message>
    <message>
        <source>true {true} → {predicted} ({confidence})</source>
        <translation>真实 {true} → {predicted}（{confidence}）</translation>
    </message>
    <message>
        <source>These samples are not images; the confusion matrix tells their story.</source>
        <translation>这些样本不是图像；请看混淆矩阵。</translation>
    </message>
    <message>
        <source>No digits in this cell.</source>
        <translation>这个格子里没有数字。</translation>
    </message>
    <message>
        <source>No mistakes: every test digit is right.</source>
        <translation>没有错误：每个测试数字都认对了。</translation>
    </message>
</context>
<context>
    <name>Experiment</name>
    <message>
        <source>the file must hold a JSON object</source>
        <extracomment>The largest experiment file read (a hand-drawn set of MAX_POINTS points takes well under 1 MB). Fixed starting parameters an experiment may carry (the window draws networks far smaller). Data kinds that the spec&apos;s kind alone describes: a preset keeps no spec for them. An experiment is a preset: its data, network and hyperparameters (seed included).</extracomment>
        <translation>文件必须包含一个 JSON 对象</translation>
    </message>
    <message>
        <source>not an nnviz experiment (format is {format})</source>
        <translation>不是 nnviz 实验文件（format 为 {format}）</translation>
    </message>
    <message>
        <source>version must be a whole number &gt;= 1, got {version}</source>
        <translation>version 必须是 &gt;= 1 的整数，得到的是 {version}</translation>
    </message>
    <message>
        <source>experiment version {version} is newer than this nnviz understands ({known}); update nnviz</source>
        <translation>实验文件版本 {version} 比这个 nnviz 能理解的版本（{known}）更新；请更新 nnviz</translation>
    </message>
    <message>
        <source>network must be an object, got {network}</source>
        <translation>network 必须是一个对象，得到的是 {network}</translation>
    </message>
    <message>
        <source>network.targets must be [off, on], got {targets}</source>
        <translation>network.targets 必须是 [off, on]，得到的是 {targets}</translation>
    </message>
    <message>
        <source>network.targets must be two different numbers</source>
        <translation>network.targets 必须是两个不同的数</translation>
    </message>
    <message>
        <source>pace must be a number of steps per second in (0, 1000000], got {pace}</source>
        <translation>pace 必须是每秒步数，范围 (0, 1000000]，得到的是 {pace}</translation>
    </message>
    <message>
        <source>{name} must be {most} characters of text at most, got {value}</source>
        <translation>{name} 必须是至多 {most} 个字符的文本，得到的是 {value}</translation>
    </message>
    <message>
        <source>{name} must be 1 to {most} characters of text, got {value}</source>
        <translation>{name} 必须是 1 到 {most} 个字符的文本，得到的是 {value}</translation>
    </message>
    <message>
        <source>{name} must hold finite numbers, got {value}</source>
        <translation>{name} 必须是有限的数，得到的是 {value}</translation>
    </message>
    <message>
        <source>{name} must be one of {choices}, got {value}</source>
        <translation>{name} 必须是 {choices} 之一，得到的是 {value}</translation>
    </message>
    <message>
        <source>network.sizes must be 2 to {max_layers} whole numbers &gt;= 1, got {value}</source>
        <translation>network.sizes 必须是 2 到 {max_layers} 个 &gt;= 1 的整数，得到的是 {value}</translation>
    </message>
    <message>
        <source>network.sizes {layers} has more than {max_parameters} parameters</source>
        <translation>network.sizes {layers} 的参数超过 {max_parameters} 个</translation>
    </message>
    <message>
        <source>network.hidden names {n_value} activations for {n_hidden} hidden layers</source>
        <translation>network.hidden 给出了 {n_value} 个激活函数，但有 {n_hidden} 个隐藏层</translation>
    </message>
    <message>
        <source>network.initial_parameters: at most {max_initial_parameters} fixed parameters are read</source>
        <translation>network.initial_parameters：最多读取 {max_initial_parameters} 个固定参数</translation>
    </message>
    <message>
        <source>network.initial_parameters must hold [W, b] for each of the {layers} layers</source>
        <translation>network.initial_parameters 必须为 {layers} 层中的每一层给出 [W, b]</translation>
    </message>
    <message>
        <source>{where} must be [W, b]</source>
        <translation>{where} 必须是 [W, b]</translation>
    </message>
    <message>
        <source>{where}: W must have shape ({n_out}, {n_in})</source>
        <translation>{where}：W 的形状必须是 ({n_out}, {n_in})</translation>
    </message>
    <message>
        <source>{where}: b must have {n_out} entries</source>
        <translation>{where}：b 必须有 {n_out} 项</translation>
    </message>
    <message>
        <source>hyperparameters must be an object, got {value}</source>
        <translation>hyperparameters 必须是一个对象，得到的是 {value}</translation>
    </message>
    <message>
        <source>hyperparameters: {problem}</source>
        <translation>hyperparameters：{problem}</translation>
    </message>
    <message>
        <source>samples must be a list of 1 to {max_points} [x, label] pairs</source>
        <translation>samples 必须是包含 1 到 {max_points} 个 [x, label] 对的列表</translation>
    </message>
    <message>
        <source>samples[{i}] must be [x, label] with {n_in} inputs in x</source>
        <translation>samples[{i}] 必须是 [x, label]，x 中有 {n_in} 个输入</translation>
    </message>
    <message>
        <source>samples[{i}]: the label must be a class index, got {label}</source>
        <translation>samples[{i}]：标签必须是类别编号，得到的是 {label}</translation>
    </message>
    <message>
        <source>network.sizes: the {name} data have 1 input, the network takes {inputs}</source>
        <translation>network.sizes：{name} 数据有 1 个输入，而网络有 {inputs} 个</translation>
    </message>
    <message>
        <source>network.sizes: the {name} data have {features} inputs, the network takes {inputs}</source>
        <translation>network.sizes：{name} 数据有 {features} 个输入，而网络有 {inputs} 个</translation>
    </message>
    <message>
        <source>network.sizes: the {name} data need {outputs} output(s), the network has {has}</source>
        <translation>network.sizes：{name} 数据需要 {outputs} 个输出，而网络有 {has} 个</translation>
    </message>
    <message>
        <source>cannot read the experiment {path}: {reason}</source>
        <translation>无法读取实验文件 {path}：{reason}</translation>
    </message>
    <message>
        <source>{path}: larger than {most} MB; not an experiment nnviz wrote</source>
        <translation>{path}：大于 {most} MB；不是 nnviz 写出的实验文件</translation>
    </message>
    <message>
        <source>{path}: not valid JSON ({reason})</source>
        <translation>{path}：不是有效的 JSON（{reason}）</translation>
    </message>
    <message>
        <source>{path}: {problem}</source>
        <translation>{path}：{problem}</translation>
    </message>
</context>
<context>
    <name>Explain</name>
    <message>
        <source>input</source>
        <extracomment>Output activations whose values read as probabilities.</extracomment>
        <translation>输入</translation>
    </message>
    <message>
        <source>hidden {layer}</source>
        <translation>隐藏层 {layer}</translation>
    </message>
    <message>
        <source>output</source>
        <translation>输出</translation>
    </message>
    <message>
        <source>mean squared error</source>
        <extracomment>The most input (and outgoing) terms an explanation lists; the rest are summed in one line. Per sample, summed over the output neurons k; the engine&apos;s L is the mean over the batch.</extracomment>
        <translation>均方误差</translation>
    </message>
    <message>
        <source>binary cross-entropy</source>
        <translation>二元交叉熵</translation>
    </message>
    <message>
        <source>cross-entropy</source>
        <translation>交叉熵</translation>
    </message>
    <message>
        <source>hidden {layer} · neuron {number}</source>
        <translation>隐藏层 {layer} · 神经元 {number}</translation>
    </message>
    <message>
        <source>output {number} ({label})</source>
        <translation>输出 {number}（{label}）</translation>
    </message>
    <message>
        <source>output {number}</source>
        <translation>输出 {number}</translation>
    </message>
    <message>
        <source>{activation} + {loss}: f′(z) cancels against ∂L/∂a, so δ = a − y</source>
        <translation>{activation} + {loss}：f′(z) 与 ∂L/∂a 相互抵消，因此 δ = a − y</translation>
    </message>
    <message>
        <source>{rule}  (β₁ = {beta1}, β₂ = {beta2}, ε = {eps}, step t = {step})</source>
        <translation>{rule}  (β₁ = {beta1}, β₂ = {beta2}, ε = {eps}, 步数 t = {step})</translation>
    </message>
</context>
<context>
    <name>ExportPythonDialog</name>
    <message>
        <source>Export as Python</source>
        <extracomment>The longest command line the status bar repeats in full (the clipboard always has all of it).</extracomment>
        <translation>导出为 Python</translation>
    </message>
    <message>
        <source>One Python script that needs only NumPy: a &lt;b&gt;Network&lt;/b&gt; class with &lt;i&gt;forward&lt;/i&gt;, &lt;i&gt;backward&lt;/i&gt; and &lt;i&gt;train&lt;/i&gt;, the same data and the same training settings. It trains exactly as nnviz does, so the losses it prints are the ones shown here.</source>
        <translation>一个只依赖 NumPy 的 Python 脚本：包含带有 &lt;i&gt;forward&lt;/i&gt;、&lt;i&gt;backward&lt;/i&gt; 和 &lt;i&gt;train&lt;/i&gt; 方法的 &lt;b&gt;Network&lt;/b&gt; 类，以及相同的数据和训练设置。它的训练过程与 nnviz 完全一致，因此它打印的损失就是这里显示的损失。</translation>
    </message>
    <message>
        <source>Current weights (none yet: the network has not trained)</source>
        <translation>当前权重（还没有：网络尚未训练）</translation>
    </message>
    <message>
        <source>Choose file…</source>
        <translation>选择文件…</translation>
    </message>
    <message>
        <source>Start the script from:</source>
        <translation>脚本的起点：</translation>
    </message>
</context>
<context>
    <name>FileActions</name>
    <message>
        <source>&amp;Open experiment…</source>
        <extracomment>The experiment file last saved or opened, and the preset it holds: the command line of a hand-placed data set names that file while the window still trains what it holds.</extracomment>
        <translation>打开实验(&amp;O)…</translation>
    </message>
    <message>
        <source>Open a saved experiment: its data, network and training settings</source>
        <translation>打开已保存的实验：包括它的数据、网络和训练设置</translation>
    </message>
    <message>
        <source>Save e&amp;xperiment…</source>
        <translation>保存实验(&amp;X)…</translation>
    </message>
    <message>
        <source>Save the whole setup (data, network, training settings, seed) as one JSON file</source>
        <translation>把整个设置（数据、网络、训练设置、随机种子）保存为一个 JSON 文件</translation>
    </message>
    <message>
        <source>&amp;Export as Python…</source>
        <translation>导出为 Python(&amp;E)…</translation>
    </message>
    <message>
        <source>Write a standalone NumPy script that builds this network and trains it as nnviz does</source>
        <translation>生成一个独立的 NumPy 脚本，按 nnviz 的方式构建并训练这个网络</translation>
    </message>
    <message>
        <source>&amp;Copy command line</source>
        <translation>复制命令行(&amp;C)</translation>
    </message>
    <message>
        <source>Copy the `nnviz train …` command that runs this experiment in a terminal</source>
        <translation>复制在终端中运行此实验的 `nnviz train …` 命令</translation>
    </message>
    <message>
        <source>Export as Python</source>
        <translation>导出为 Python</translation>
    </message>
    <message>
        <source>The script could not be exported: {error}</source>
        <translation>无法导出脚本：{error}</translation>
    </message>
    <message>
        <source>Exported {file}: run it with “python {file}” (it needs only NumPy).</source>
        <translation>已导出 {file}：用“python {file}”运行它（只需要 NumPy）。</translation>
    </message>
    <message>
        <source>Current weights (loaded from {model})</source>
        <translation>当前权重（从 {model} 载入）</translation>
    </message>
    <message>
        <source>Current weights (loaded from {model}, then 1 training step)</source>
        <translation>当前权重（从 {model} 载入，之后训练了 1 步）</translation>
    </message>
    <message>
        <source>Current weights (loaded from {model}, then {steps} training steps)</source>
        <translation>当前权重（从 {model} 载入，之后训练了 {steps} 步）</translation>
    </message>
    <message>
        <source>Current weights, after 1 training step</source>
        <translation>当前权重：训练 1 步之后</translation>
    </message>
    <message>
        <source>Current weights, after {steps} training steps</source>
        <translation>当前权重：训练 {steps} 步之后</translation>
    </message>
    <message>
        <source>Initial weights, as the example prescribes them: the script retraces this run</source>
        <translation>初始权重（按例题给定的值）：脚本会重现这次训练</translation>
    </message>
    <message>
        <source>Initial weights ({init} initialisation): the script retraces this run</source>
        <translation>初始权重（{init} 初始化）：脚本会重现这次训练</translation>
    </message>
    <message>
        <source>Initial weights ({init} initialisation, seed {seed}): the script retraces this run</source>
        <translation>初始权重（{init} 初始化，随机种子 {seed}）：脚本会重现这次训练</translation>
    </message>
    <message>
        <source>Saved the experiment to {file}.</source>
        <translation>实验已保存到 {file}。</translation>
    </message>
    <message>
        <source>Save experiment</source>
        <translation>保存实验</translation>
    </message>
    <message>
        <source>The experiment could not be saved: {error}</source>
        <translation>无法保存实验：{error}</translation>
    </message>
    <message>
        <source>Open experiment</source>
        <translation>打开实验</translation>
    </message>
    <message>
        <source>The experiment could not be opened: {error}</source>
        <translation>无法打开实验：{error}</translation>
    </message>
    <message>
        <source>This setup does not fit in options alone: save it as an experiment, and the command will open that file.</source>
        <translation>这个设置无法只用命令行选项表示：请把它保存为实验文件，命令会打开那个文件。</translation>
    </message>
    <message>
        <source>Copied to the clipboard: {command}</source>
        <translation>已复制到剪贴板：{command}</translation>
    </message>
</context>
<context>
    <name>FittedCurveView</name>
    <message>
        <source>training data ({count})</source>
        <extracomment>The network&apos;s prediction: dark and wide enough to read over a cloud of points. Room above and below the targets, as a share of their span: a curve that overshoots a little stays in view, and the points never touch the frame.</extracomment>
        <translation>训练数据（{count}）</translation>
    </message>
    <message>
        <source>test data ({count})</source>
        <translation>测试数据（{count}）</translation>
    </message>
    <message>
        <source>network&apos;s prediction of {target}</source>
        <translation>网络对 {target} 的预测</translation>
    </message>
    <message>
        <source>target</source>
        <translation>目标</translation>
    </message>
    <message>
        <source>Network&apos;s prediction of {target}</source>
        <translation>网络对 {target} 的预测</translation>
    </message>
    <message>
        <source>{feature} = {x} → predicted {target} = {value}</source>
        <translation>{feature} = {x} → 预测 {target} = {value}</translation>
    </message>
</context>
<context>
    <name>Generators</name>
    <message>
        <source>an orange disc inside a blue ring</source>
        <translation>蓝色圆环中的橙色圆盘</translation>
    </message>
    <message>
        <source>two round clouds, blue and orange</source>
        <translation>两团圆形点云，一蓝一橙</translation>
    </message>
    <message>
        <source>two interleaved spiral arms</source>
        <translation>两条交错的螺旋臂</translation>
    </message>
    <message>
        <source>four quadrants, orange where x1 and x2 differ in sign</source>
        <translation>四个象限，x1 与 x2 异号处为橙色</translation>
    </message>
    <message>
        <source>y = (x1 + x2) / 2, a tilted plane</source>
        <translation>y = (x1 + x2) / 2，一个倾斜的平面</translation>
    </message>
    <message>
        <source>y = exp(−(x1² + x2²) / 0.32), a hill in the middle</source>
        <translation>y = exp(−(x1² + x2²) / 0.32)，中央的一座小山</translation>
    </message>
    <message>
        <source>y = sin(x) over one period</source>
        <translation>一个周期上的 y = sin(x)</translation>
    </message>
</context>
<context>
    <name>GradientCheck</name>
    <message>
        <source>drop f′(z) at the output</source>
        <extracomment>A correct backward pass in float64 agrees with central differences to about 1e-9 or better. The step in z that each perturbation makes: W_l&apos;s step is EPS / max(1, max |a_{l−1}|), so that a large input (the gender data&apos;s −15…25) does not make the truncation error of the difference grow. Measured on every preset, untrained and trained: 1e-4 keeps both truncation and rounding near 1e-9 (the engine&apos;s 1e-6 lets rounding reach 1e-7 on a saturated output)... ...but a ReLU network&apos;s loss has kinks, and a step across one is no derivative: there the smaller step (a trained MNIST network has |z| &lt; 3e-4 somewhere), whose piecewise-linear layers truncate nothing. The most weights of one matrix that are checked (each costs two forward passes). Rounding error of the loss, in units of the loss times machine epsilon, that central differences are taken to suffer (measured: a few; this leaves a wide margin before calling a layer unresolved).</extracomment>
        <translation>在输出层去掉 f′(z)</translation>
    </message>
    <message>
        <source>drop f′(z) in {layer}</source>
        <translation>在{layer}去掉 f′(z)</translation>
    </message>
    <message>
        <source>wrong sign of δ at the output</source>
        <translation>输出层 δ 的符号取反</translation>
    </message>
    <message>
        <source>none (the engine&apos;s backprop)</source>
        <translation>不改错（引擎自己的反向传播）</translation>
    </message>
    <message>
        <source>the {activation} activation has no gradient to check</source>
        <extracomment>Worst first: a layer&apos;s verdict is the worst of its W&apos;s and b&apos;s, the check&apos;s the worst of its layers&apos;.</extracomment>
        <translation>{activation} 激活函数没有可检验的梯度</translation>
    </message>
    <message>
        <source>no layer {layer} to break in a network of {layers} layers</source>
        <translation>{layers} 层的网络中没有第 {layer} 层可以改错</translation>
    </message>
    <message>
        <source>training sample {number}, first of step {step}&apos;s batch</source>
        <extracomment>How the sample line names the sample checked (the window translates these Phrases).</extracomment>
        <translation>训练样本 {number}，第 {step} 步那一批中的第一个</translation>
    </message>
    <message>
        <source>training sample {number} (augmented), first of step {step}&apos;s batch</source>
        <translation>训练样本 {number}（经过增强），第 {step} 步那一批中的第一个</translation>
    </message>
    <message>
        <source>training sample 1 (no training step yet)</source>
        <translation>训练样本 1（还没有训练步）</translation>
    </message>
    <message>
        <source>test sample 1 (no training step yet)</source>
        <translation>测试样本 1（还没有训练步）</translation>
    </message>
    <message>
        <source>{where}, class {name}</source>
        <translation>{where}，类别 {name}</translation>
    </message>
    <message>
        <source>{where}, target {name} = {value}</source>
        <translation>{where}，目标 {name} = {value}</translation>
    </message>
    <message>
        <source>the check stopped with {error}: {message}</source>
        <translation>检验因 {error} 而中止：{message}</translation>
    </message>
    <message>
        <source>the check process stopped without a result (exit code {code})</source>
        <extracomment>Called with the thread that sends a request before it starts (the window makes its garbage collection wait for it: nnviz.gui.main_thread_gc).</extracomment>
        <translation>检验进程没有给出结果就结束了（退出码 {code}）</translation>
    </message>
</context>
<context>
    <name>GradientCheckView</name>
    <message>
        <source>pass</source>
        <extracomment>How often a running check is asked for its result, in milliseconds. The result cells&apos; backgrounds: the verdict&apos;s colour, faint.</extracomment>
        <translation>通过</translation>
    </message>
    <message>
        <source>FAIL</source>
        <translation>失败</translation>
    </message>
    <message>
        <source>too small</source>
        <translation>太小</translation>
    </message>
    <message>
        <source>Layer</source>
        <translation>层</translation>
    </message>
    <message>
        <source>Weights checked</source>
        <translation>检验的权重</translation>
    </message>
    <message>
        <source>Biases</source>
        <translation>偏置</translation>
    </message>
    <message>
        <source>Largest error</source>
        <translation>最大误差</translation>
    </message>
    <message>
        <source>Result</source>
        <translation>结果</translation>
    </message>
    <message>
        <source>Layer l: its weights W_l and biases b_l</source>
        <translation>第 l 层：它的权重 W_l 和偏置 b_l</translation>
    </message>
    <message>
        <source>How many of W_l&apos;s weights were compared</source>
        <translation>W_l 中参与比较的权重个数</translation>
    </message>
    <message>
        <source>Every bias is compared</source>
        <translation>每个偏置都参与比较</translation>
    </message>
    <message>
        <source>The larger of W_l&apos;s and b_l&apos;s relative error ‖g_backprop − g_numerical‖ / (‖g_backprop‖ + ‖g_numerical‖)</source>
        <translation>W_l 与 b_l 的相对误差 ‖g_backprop − g_numerical‖ / (‖g_backprop‖ + ‖g_numerical‖) 中较大的一个</translation>
    </message>
    <message>
        <source>pass: below {tolerance} · FAIL: above it · too small: the gradient is too close to 0 for central differences to tell</source>
        <translation>通过：低于 {tolerance} · 失败：高于它 · 太小：梯度太接近 0，中心差分无法分辨</translation>
    </message>
    <message>
        <source>Check backprop</source>
        <extracomment>A check ended: its GradientCheck, or a CheckFailed saying why there is none.</extracomment>
        <translation>检验反向传播</translation>
    </message>
    <message>
        <source>Check a deliberately broken copy of backprop, to see what the check catches. Training always uses the engine&apos;s own backprop.</source>
        <translation>检验一份故意改错的反向传播，看看梯度检验能发现什么。训练始终使用引擎自己的反向传播。</translation>
    </message>
    <message>
        <source>Break backprop:</source>
        <translation>故意改错反向传播：</translation>
    </message>
    <message>
        <source>Heatmaps: each checked weight&apos;s |backprop − central difference|, divided by ‖backprop‖ + ‖central differences‖ of its matrix (so a layer&apos;s cells add up, in squares, to its relative error). The palest cells agree exactly (both 0: an input of 0, an inactive ReLU). Blank cells were not checked; hover a cell for its numbers.</source>
        <translation>热力图：每个被检验权重的 |反向传播 − 中心差分|，除以其所在矩阵的 ‖反向传播‖ + ‖中心差分‖（因此一层各格的平方和等于该层相对误差的平方）。最浅的格子完全一致（两者都是 0：输入为 0，或 ReLU 未激活）。空白格子未被检验；把鼠标停在格子上可查看数值。</translation>
    </message>
    <message>
        <source>layer {layer}</source>
        <translation>第 {layer} 层</translation>
    </message>
    <message>
        <source>all {count}</source>
        <translation>全部 {count}</translation>
    </message>
    <message>
        <source>{checked} of {total}</source>
        <translation>{checked} / {total}</translation>
    </message>
    <message>
        <source>Checking backprop: {count} weights and biases, two forward passes each…</source>
        <translation>正在检验反向传播：{count} 个权重和偏置，每个做两次前向传播…</translation>
    </message>
    <message>
        <source>Checking backprop (backprop broken on purpose): {count} weights and biases, two forward passes each…</source>
        <translation>正在检验反向传播（故意改错的反向传播）：{count} 个权重和偏置，每个做两次前向传播…</translation>
    </message>
    <message>
        <source>{verdict}: {message}.</source>
        <translation>{verdict}：{message}。</translation>
    </message>
    <message>
        <source>The check could not run</source>
        <translation>检验未能运行</translation>
    </message>
    <message>
        <source>This network&apos;s {activation} activation has no gradient, so there is no backprop to check.</source>
        <translation>这个网络的 {activation} 激活函数没有梯度，因此没有可检验的反向传播。</translation>
    </message>
    <message>
        <source>“Check backprop” compares every layer&apos;s gradient from backprop with central differences (∂L/∂w ≈ (L(w + ε) − L(w − ε)) / 2ε) on the sample the network shows; a layer passes when their relative error is below {tolerance}.</source>
        <translation>“检验反向传播”在网络当前显示的样本上，把每一层由反向传播得到的梯度与中心差分（∂L/∂w ≈ (L(w + ε) − L(w − ε)) / 2ε）相比较；相对误差低于 {tolerance} 的层即为通过。</translation>
    </message>
    <message>
        <source>, </source>
        <translation>、</translation>
    </message>
    <message>
        <source>{verdict} in {layers}: relative error up to {error}, above {tolerance}.</source>
        <translation>{verdict}（{layers}）：相对误差高达 {error}，超过 {tolerance}。</translation>
    </message>
    <message>
        <source>Backprop fails</source>
        <translation>反向传播未通过</translation>
    </message>
    <message>
        <source> Broken on purpose ({what}): the check caught it.</source>
        <translation>这是故意改错的（{what}）：检验发现了它。</translation>
    </message>
    <message>
        <source>{verdict}: on this sample every gradient is too small for central differences to resolve. Check again on another sample.</source>
        <translation>{verdict}：在这个样本上，所有梯度都太小，中心差分无法分辨。请换一个样本再检验。</translation>
    </message>
    <message>
        <source>Nothing to tell</source>
        <translation>无法判断</translation>
    </message>
    <message>
        <source>Backprop passes</source>
        <translation>反向传播通过</translation>
    </message>
    <message>
        <source>{verdict} wherever central differences can tell; {layers}&apos;s gradient on this sample is too small for them to resolve (hover the table for the numbers).</source>
        <translation>凡中心差分能分辨之处，{verdict}；{layers}在这个样本上的梯度太小，中心差分无法分辨（把鼠标停在表格上可查看数值）。</translation>
    </message>
    <message>
        <source>{verdict}: every relative error is below {tolerance} (largest {largest}).</source>
        <translation>{verdict}：所有相对误差都低于 {tolerance}（最大 {largest}）。</translation>
    </message>
    <message>
        <source> Breaking it ({what}) changed nothing on this sample: f′(z) is 1 wherever it was dropped. Check again on another sample.</source>
        <translation>改错（{what}）在这个样本上没有产生任何变化：在去掉 f′(z) 的地方它都等于 1。请换一个样本再检验。</translation>
    </message>
    <message>
        <source>{name}: relative error {error}, ‖∂L/∂{name}‖ = {norm} — {verdict}</source>
        <translation>{name}：相对误差 {error}，‖∂L/∂{name}‖ = {norm} — {verdict}</translation>
    </message>
    <message>
        <source>rounding in the loss limits central differences to about {resolution} here</source>
        <translation>损失的舍入误差使中心差分在这里只能分辨到约 {resolution}</translation>
    </message>
    <message>
        <source>Sample: {sample}</source>
        <translation>样本：{sample}</translation>
    </message>
    <message>
        <source>loss {loss} (with L2)</source>
        <translation>损失 {loss}（含 L2）</translation>
    </message>
    <message>
        <source>loss {loss}</source>
        <translation>损失 {loss}</translation>
    </message>
    <message>
        <source>{count} gradients in {seconds} s</source>
        <translation>{count} 个梯度，用时 {seconds} 秒</translation>
    </message>
    <message>
        <source>Available once the network is shown</source>
        <translation>网络显示出来后可用</translation>
    </message>
    <message>
        <source>Compare backprop&apos;s gradients with central differences for the network and the sample shown now (float64, in a process of its own)</source>
        <translation>对当前显示的网络和样本，把反向传播的梯度与中心差分相比较（float64，在单独的进程中计算）</translation>
    </message>
    <message>
        <source>W{layer}[{i}, {j}]: backprop {backprop} · central differences {numerical} · error {error}</source>
        <translation>W{layer}[{i}, {j}]：反向传播 {backprop} · 中心差分 {numerical} · 误差 {error}</translation>
    </message>
</context>
<context>
    <name>GridDiagram</name>
    <message>
        <source>loss −ln p({name}) = {loss}</source>
        <translation>损失 −ln p({name}) = {loss}</translation>
    </message>
    <message>
        <source>batch loss {loss}</source>
        <translation>本批损失 {loss}</translation>
    </message>
    <message>
        <source>predicted {name} ✓</source>
        <translation>预测为 {name} ✓</translation>
    </message>
    <message>
        <source>predicted {name} ✗ (true {target})</source>
        <translation>预测为 {name} ✗（实为 {target}）</translation>
    </message>
    <message>
        <source>predicted {name}</source>
        <translation>预测为 {name}</translation>
    </message>
    <message>
        <source>weights from the pixels</source>
        <translation>来自各像素的权重</translation>
    </message>
    <message>
        <source>product of the weights</source>
        <translation>权重的乘积</translation>
    </message>
    <message>
        <source>∂z/∂x for this input</source>
        <translation>这个输入的 ∂z/∂x</translation>
    </message>
    <message>
        <source>∂L/∂x: what would</source>
        <translation>∂L/∂x：怎样改动输入</translation>
    </message>
    <message>
        <source>change this answer</source>
        <translation>会改变这个答案</translation>
    </message>
    <message>
        <source>‖ΔW‖ per pixel</source>
        <translation>每个像素的 ‖ΔW‖</translation>
    </message>
    <message>
        <source>your drawing</source>
        <translation>你的手写输入</translation>
    </message>
    <message>
        <source>input · {shape}</source>
        <translation>输入层 · {shape}</translation>
    </message>
    <message>
        <source>output · {activation}</source>
        <translation>输出层 · {activation}</translation>
    </message>
    <message>
        <source>output</source>
        <translation>输出层</translation>
    </message>
    <message>
        <source>hidden {layer} · {size} {activation}</source>
        <translation>隐藏层 {layer} · {size} {activation}</translation>
    </message>
    <message>
        <source>not computed yet</source>
        <translation>尚未计算</translation>
    </message>
    <message>
        <source>error terms δ</source>
        <translation>误差项 δ</translation>
    </message>
    <message>
        <source>‖ΔW‖ per neuron</source>
        <translation>每个神经元的 ‖ΔW‖</translation>
    </message>
    <message>
        <source>probabilities</source>
        <translation>概率</translation>
    </message>
    <message>
        <source>activations a</source>
        <translation>激活值 a</translation>
    </message>
    <message>
        <source>label {name}</source>
        <translation>标签 {name}</translation>
    </message>
    <message>
        <source>Your drawing&apos;s forward pass · hover a neuron for its numbers and what it looks at</source>
        <translation>你手写输入的前向传播 · 悬停在神经元上查看数值和它关注的区域</translation>
    </message>
    <message>
        <source>Latest step · first sample of the batch · hover a neuron for its numbers and weights</source>
        <translation>最近一步 · 本批第一个样本 · 悬停在神经元上查看数值和权重</translation>
    </message>
    <message>
        <source>what fed the most active neuron: largest |w·a|</source>
        <translation>最活跃神经元的主要来源：|w·a| 最大的连接</translation>
    </message>
    <message>
        <source>strongest weights, + orange − blue, width ∝ |w|</source>
        <translation>最强的权重，+ 橙色 − 蓝色，线宽 ∝ |w|</translation>
    </message>
    <message>
        <source>hover or click a neuron to see its strongest weights</source>
        <translation>悬停或点击神经元，查看它最强的权重</translation>
    </message>
</context>
<context>
    <name>GripHandle</name>
    <message>
        <source>Drag to share the room between the two parts</source>
        <translation>拖动以调整两部分所占的空间</translation>
    </message>
</context>
<context>
    <name>HiddenLayerRow</name>
    <message>
        <source>hidden layer {index}</source>
        <extracomment>The learning-rate slider&apos;s stops: 1, 2, 3 and 5 of every decade from 1e-4 to 10, the values people type; any other value (0 &lt; lr ≤ 100) can be typed in the box beside it.</extracomment>
        <translation>隐藏层 {index}</translation>
    </message>
    <message>
        <source>Number of neurons in this hidden layer</source>
        <translation>这个隐藏层的神经元个数</translation>
    </message>
    <message>
        <source>Activation function of this hidden layer</source>
        <translation>这个隐藏层的激活函数</translation>
    </message>
    <message>
        <source>Remove this hidden layer</source>
        <translation>删除这个隐藏层</translation>
    </message>
</context>
<context>
    <name>HintBar</name>
    <message>
        <source>Dismiss this hint for this run</source>
        <translation>在本次训练中不再显示这条提示</translation>
    </message>
    <message>
        <source>Dismiss hint</source>
        <translation>关闭提示</translation>
    </message>
    <message>
        <source>1 of {count}</source>
        <translation>第 1 条，共 {count} 条</translation>
    </message>
    <message>
        <source>Dismiss this hint to see the next</source>
        <translation>关闭这条提示即可看到下一条</translation>
    </message>
    <message>
        <source>Builds a fresh network with this change; the training so far is lost</source>
        <translation>按此修改重新构建网络；之前的训练结果将丢失</translation>
    </message>
    <message>
        <source>Changes it now; training goes on</source>
        <translation>立即修改；训练继续进行</translation>
    </message>
</context>
<context>
    <name>Hints</name>
    <message>
        <source>Halve the learning rate and start again</source>
        <extracomment>Most urgent first: the order the bar shows them in. Steps per period: one epoch&apos;s, within these bounds. Loss this many times that of always guessing the average answer (or NaN/∞) is an explosion: no need to wait a period. Rising: this many period-on-period rises in a row, ending this far above the lowest period. Far above: two periods in a row above this multiple of the loss of always guessing (see guess_loss). Flat: the loss moved by less than this share over FLAT_PERIODS periods, while still above STILL_HIGH of the guessing loss (a converged run creeps down slowly too, but from far below). A step that moves the weights by less than this share of their size (‖ΔW‖ / ‖W‖, the largest over the layers) learns too slowly; healthy runs here move 0.5–5 % (XOR, MNIST presets). The update share a raised learning rate aims at. Saturated: |z| above this in a sigmoid/tanh neuron (σ′ &lt; 0.007, tanh′ &lt; 0.0002), for this share. Dead: a ReLU never active on the samples seen over the last epoch, for this share of them. Vanishing: the first layer&apos;s RMS δ below this fraction of the output layer&apos;s (≥ 2 hidden layers). Overfitting: the best test loss this many epochs ago, the test loss now RISEN_TEST above it and the training loss FALLEN_TRAIN below what it was then. Snapshot conditions need this many shown samples before they judge. Shown samples kept (the last epoch&apos;s, at most this many). Hyperparameters whose change restarts the measuring (&quot;epochs&quot; grows when Play continues a run).</extracomment>
        <translation>学习率减半并重新开始</translation>
    </message>
    <message>
        <source>the learning rate ({lr}) is too high</source>
        <translation>学习率（{lr}）过高</translation>
    </message>
    <message>
        <source>The weights became NaN or infinite at step {step}: {where}, and every step overshoots further.</source>
        <translation>权重在第 {step} 步变成了 NaN 或无穷大：{where}，每一步都冲得更远。</translation>
    </message>
    <message>
        <source>The loss exploded to {loss} at step {step}: {where}, and every step overshoots further.</source>
        <translation>损失在第 {step} 步暴涨到 {loss}：{where}，每一步都冲得更远。</translation>
    </message>
    <message>
        <source>The loss ({loss}) is {times} that of always guessing the average answer ({guess}): {where}, so each step overshoots.</source>
        <translation>损失（{loss}）是始终猜平均答案时的损失（{guess}）的 {times}：{where}，所以每一步都冲过了头。</translation>
    </message>
    <message>
        <source>Halve the learning rate</source>
        <translation>学习率减半</translation>
    </message>
    <message>
        <source>The loss has risen for {steps} steps ({then} → {now}): {where}.</source>
        <translation>损失已连续上升 {steps} 步（{then} → {now}）：{where}。</translation>
    </message>
    <message>
        <source>The loss has barely moved in {steps} steps ({then} → {now}): each step changes the weights by only {share} % of their size, so the learning rate ({lr}) is too low.</source>
        <translation>损失在 {steps} 步内几乎没有变化（{then} → {now}）：每一步只让权重改变其大小的 {share} %，所以学习率（{lr}）过低。</translation>
    </message>
    <message>
        <source>Raise the learning rate to {lr}</source>
        <translation>把学习率提高到 {lr}</translation>
    </message>
    <message>
        <source>The loss has barely moved in {steps} steps ({then} → {now}): {share} of the hidden neurons are saturated (|z| &gt; {z}), where their slope is almost zero and they stop learning.</source>
        <translation>损失在 {steps} 步内几乎没有变化（{then} → {now}）：{share} 的隐藏层神经元已经饱和（|z| &gt; {z}），那里的斜率几乎为零，它们不再学习。</translation>
    </message>
    <message>
        <source>Start again with Xavier weights</source>
        <translation>改用 Xavier 初始化权重并重新开始</translation>
    </message>
    <message>
        <source>{share} of the hidden ReLU neurons ({dead} of {total}) were never active on any of the last {samples} samples seen: with z ≤ 0 their slope is zero, so they can never learn again.</source>
        <translation>{share} 的隐藏层 ReLU 神经元（{total} 个中的 {dead} 个）在最近见到的 {samples} 个样本上从未激活：z ≤ 0 时斜率为零，它们再也无法学习。</translation>
    </message>
    <message>
        <source>Start again with leaky ReLUs</source>
        <translation>改用 Leaky ReLU 并重新开始</translation>
    </message>
    <message>
        <source>Vanishing gradients: the error terms δ reaching the first layer are {ratio} of those at the output (over {samples} samples), so the first layers barely learn.</source>
        <translation>梯度消失：到达第一层的误差项 δ 只有输出层的 {ratio}（基于 {samples} 个样本），所以前面几层几乎学不到东西。</translation>
    </message>
    <message>
        <source>Start again with ReLUs and He weights</source>
        <translation>改用 ReLU 和 He 初始化权重并重新开始</translation>
    </message>
    <message>
        <source>Overfitting: the test loss has risen for {epochs} epochs ({test_then} → {test_now}) while the training loss fell ({train_then} → {train_now}): the network is memorising its training samples.</source>
        <translation>过拟合：测试损失已连续上升 {epochs} 轮（{test_then} → {test_now}），而训练损失在下降（{train_then} → {train_now}）：网络正在死记训练样本。</translation>
    </message>
    <message>
        <source>Add L2 weight decay {l2}</source>
        <translation>添加 L2 权重衰减 {l2}</translation>
    </message>
</context>
<context>
    <name>Hyperparameters</name>
    <message>
        <source>{name} must be a number, got {value}</source>
        <translation>{name}必须是数字，得到的是 {value}</translation>
    </message>
    <message>
        <source>{name} must be a name, got {value}</source>
        <translation>{name}必须是名称，得到的是 {value}</translation>
    </message>
    <message>
        <source>augment must be true or false, got {value}</source>
        <translation>augment 必须是 true 或 false，得到的是 {value}</translation>
    </message>
    <message>
        <source>learning rate must be a number in (0, 100], got {value}</source>
        <translation>学习率必须是 (0, 100] 之间的数，得到的是 {value}</translation>
    </message>
    <message>
        <source>gradient descent mode must be one of {names}, got {value}</source>
        <translation>梯度下降方式必须是 {names} 之一，得到的是 {value}</translation>
    </message>
    <message>
        <source>batch size must be a whole number &gt;= 1, got {value}</source>
        <translation>批大小必须是 &gt;= 1 的整数，得到的是 {value}</translation>
    </message>
    <message>
        <source>optimizer must be one of {names}, got {value}</source>
        <translation>优化器必须是 {names} 之一，得到的是 {value}</translation>
    </message>
    <message>
        <source>momentum must be in [0, 1), got {value}</source>
        <translation>动量必须在 [0, 1) 之间，得到的是 {value}</translation>
    </message>
    <message>
        <source>L2 strength must be &gt;= 0, got {value}</source>
        <translation>L2 强度必须 &gt;= 0，得到的是 {value}</translation>
    </message>
    <message>
        <source>epochs must be a whole number &gt;= 1, got {value}</source>
        <translation>轮数必须是 &gt;= 1 的整数，得到的是 {value}</translation>
    </message>
    <message>
        <source>seed must be a whole number, got {value}</source>
        <translation>种子必须是整数，得到的是 {value}</translation>
    </message>
    <message>
        <source>unknown hyperparameter(s): {names}</source>
        <translation>未知的超参数：{names}</translation>
    </message>
    <message>
        <source>learning rate</source>
        <translation>学习率</translation>
    </message>
    <message>
        <source>momentum</source>
        <translation>动量</translation>
    </message>
    <message>
        <source>L2 strength</source>
        <translation>L2 强度</translation>
    </message>
    <message>
        <source>gradient descent mode</source>
        <translation>梯度下降方式</translation>
    </message>
    <message>
        <source>optimizer</source>
        <translation>优化器</translation>
    </message>
</context>
<context>
    <name>InspectorDock</name>
    <message>
        <source>Neuron inspector</source>
        <extracomment>(layer, index) the learner wants explained, or None for no neuron (the trainer stops explaining).</extracomment>
        <translation>神经元检查器</translation>
    </message>
    <message>
        <source>Close</source>
        <translation>关闭</translation>
    </message>
    <message>
        <source>Close the inspector and stop explaining this neuron</source>
        <translation>关闭检查器，不再讲解这个神经元</translation>
    </message>
    <message>
        <source>Inspecting {neuron} · click another neuron to switch</source>
        <translation>正在检查 {neuron} · 点击其他神经元即可切换</translation>
    </message>
    <message>
        <source>No training step yet: train one (→ or .) to see this neuron&apos;s arithmetic</source>
        <translation>还没有训练步：先训练一步（→ 或 .），即可查看这个神经元的计算过程</translation>
    </message>
    <message>
        <source>Waiting for the trainer&apos;s numbers…</source>
        <translation>正在等待训练进程的数据…</translation>
    </message>
    <message>
        <source>No neuron selected</source>
        <translation>未选择神经元</translation>
    </message>
    <message>
        <source>An input computes nothing: it is the data. It is x = {value} on the shown sample. Click a neuron in a hidden layer or the output to see its arithmetic.</source>
        <translation>输入不做任何计算：它就是数据。在所示样本上，它的值为 x = {value}。点击隐藏层或输出层的神经元，查看它的计算过程。</translation>
    </message>
    <message>
        <source>An input computes nothing: it is the data. Click a neuron in a hidden layer or the output to see its arithmetic.</source>
        <translation>输入不做任何计算：它就是数据。点击隐藏层或输出层的神经元，查看它的计算过程。</translation>
    </message>
</context>
<context>
    <name>InspectorPage</name>
    <message>
        <source>Click a neuron to see its arithmetic</source>
        <translation>点击一个神经元，查看它的计算过程</translation>
    </message>
    <message>
        <source>pixel {coordinates}</source>
        <translation>像素 {coordinates}</translation>
    </message>
    <message>
        <source>output</source>
        <translation>输出</translation>
    </message>
    <message>
        <source>layer {layer} · {number}</source>
        <translation>第 {layer} 层 · {number}</translation>
    </message>
    <message>
        <source>output {number} ({name})</source>
        <translation>输出 {number}（{name}）</translation>
    </message>
    <message>
        <source>hidden {layer} · {number}</source>
        <translation>隐藏层 {layer} · {number}</translation>
    </message>
    <message>
        <source>corrected m</source>
        <translation>修正后的 m</translation>
    </message>
    <message>
        <source>corrected v</source>
        <translation>修正后的 v</translation>
    </message>
    <message>
        <source>Step {step} · the first sample of a batch of {batch}</source>
        <extracomment>&quot;^&quot; and what it raises to: a (signed) symbol or number, with its subscripts (&quot;e^zᵢ&quot;). A letter with a combining circumflex (Adam&apos;s bias-corrected m̂, v̂).</extracomment>
        <translation>第 {step} 步 · 一批 {batch} 个样本中的第一个</translation>
    </message>
    <message>
        <source>Step {step} · the sample of this step (a batch of one)</source>
        <translation>第 {step} 步 · 本步的样本（批大小为 1）</translation>
    </message>
    <message>
        <source>input x: {values} (as scaled for the network)</source>
        <translation>输入 x：{values}（已按网络的输入缩放）</translation>
    </message>
    <message>
        <source>input x: {values}</source>
        <translation>输入 x：{values}</translation>
    </message>
    <message>
        <source>pixel (row, col)</source>
        <translation>像素 (行, 列)</translation>
    </message>
    <message>
        <source>input j</source>
        <translation>输入 j</translation>
    </message>
    <message>
        <source>the other {count} inputs add up to</source>
        <translation>其余 {count} 个输入之和</translation>
    </message>
    <message>
        <source>the terms above</source>
        <translation>上面各项之和</translation>
    </message>
    <message>
        <source>the term above</source>
        <translation>上面这一项</translation>
    </message>
    <message>
        <source>target y</source>
        <translation>目标 y</translation>
    </message>
    <message>
        <source>its term of L</source>
        <translation>它在 L 中的项</translation>
    </message>
    <message>
        <source>L is the mean over the batch of {batch}.</source>
        <translation>L 是这批 {batch} 个样本的平均值。</translation>
    </message>
    <message>
        <source>from the loss above</source>
        <translation>由上面的损失得出</translation>
    </message>
    <message>
        <source>softmax couples the outputs</source>
        <translation>softmax 使各输出相互关联</translation>
    </message>
    <message>
        <source>From the neurons k of the output layer it feeds:</source>
        <translation>来自它所连向的输出层神经元 k：</translation>
    </message>
    <message>
        <source>From the neurons k of the hidden {layer} layer it feeds:</source>
        <translation>来自它所连向的隐藏层 {layer} 的神经元 k：</translation>
    </message>
    <message>
        <source>the other {count} add up to</source>
        <translation>其余 {count} 项之和</translation>
    </message>
    <message>
        <source>{rule}, with η = {rate}</source>
        <translation>{rule}，其中 η = {rate}</translation>
    </message>
    <message>
        <source>∂L/∂wⱼ = mean of {delta}·{source}ⱼ over the batch: &lt;b&gt;averaged over the batch of {batch}&lt;/b&gt;</source>
        <translation>∂L/∂wⱼ = {delta}·{source}ⱼ 在整批上的平均：&lt;b&gt;对这批 {batch} 个样本取平均&lt;/b&gt;</translation>
    </message>
    <message>
        <source>+ the L2 term λ·wⱼ (not on the bias)</source>
        <translation>+ L2 正则化项 λ·wⱼ（偏置不加）</translation>
    </message>
    <message>
        <source>before</source>
        <translation>更新前</translation>
    </message>
    <message>
        <source>after</source>
        <translation>更新后</translation>
    </message>
    <message>
        <source>bias b</source>
        <translation>偏置 b</translation>
    </message>
    <message>
        <source>w from {source}</source>
        <translation>来自 {source} 的 w</translation>
    </message>
    <message>
        <source>… and {count} more weights, each updated the same way.</source>
        <translation>… 另有 {count} 个权重，更新方式相同。</translation>
    </message>
    <message>
        <source>layer {layer} of {layers} · {activation}</source>
        <translation>第 {layer} 层（共 {layers} 层）· {activation}</translation>
    </message>
    <message>
        <source>Phase {phase} of {phases}: {label} — {reason}</source>
        <translation>阶段 {phase}/{phases}：{label} —— {reason}</translation>
    </message>
    <message>
        <source>Phase {phase} of {phases}: {label}</source>
        <translation>阶段 {phase}/{phases}：{label}</translation>
    </message>
    <message>
        <source>The sample</source>
        <translation>样本</translation>
    </message>
    <message>
        <source>Forward: weighted sum and activation</source>
        <translation>前向传播：加权和与激活值</translation>
    </message>
    <message>
        <source>Loss: the output meets its target</source>
        <translation>损失：输出与目标相比较</translation>
    </message>
    <message>
        <source>Backward: the error term δ, at the output</source>
        <translation>反向传播：输出层的误差项 δ</translation>
    </message>
    <message>
        <source>Backward: the error term δ, passed back from the next layer</source>
        <translation>反向传播：误差项 δ，由下一层传回</translation>
    </message>
    <message>
        <source>Gradient and update</source>
        <translation>梯度与更新</translation>
    </message>
    <message>
        <source>this neuron&apos;s layer comes later</source>
        <translation>这个神经元所在的层还没轮到</translation>
    </message>
    <message>
        <source>this neuron&apos;s layer is done</source>
        <translation>这个神经元所在的层已经算完</translation>
    </message>
    <message>
        <source>the loss is computed at the output; δ reaches this neuron later</source>
        <translation>损失在输出层计算；δ 稍后才传到这个神经元</translation>
    </message>
    <message>
        <source>δ reaches this neuron later</source>
        <translation>δ 稍后才传到这个神经元</translation>
    </message>
    <message>
        <source>this neuron&apos;s δ is known</source>
        <translation>这个神经元的 δ 已经求出</translation>
    </message>
</context>
<context>
    <name>LayerNames</name>
    <message>
        <source>input</source>
        <translation>输入层</translation>
    </message>
    <message>
        <source>output</source>
        <translation>输出层</translation>
    </message>
    <message>
        <source>hidden {layer}</source>
        <translation>隐藏层 {layer}</translation>
    </message>
</context>
<context>
    <name>MainWindow</name>
    <message>
        <source>Loss and accuracy</source>
        <translation>损失与准确率</translation>
    </message>
    <message>
        <source>The loss at every step and the accuracy after each epoch</source>
        <translation>每一步的损失和每轮结束后的准确率</translation>
    </message>
    <message>
        <source>Weights</source>
        <translation>权重</translation>
    </message>
    <message>
        <source>Every weight matrix and bias vector as colours</source>
        <translation>用颜色显示每个权重矩阵和偏置向量</translation>
    </message>
    <message>
        <source>Receptive fields</source>
        <translation>感受野</translation>
    </message>
    <message>
        <source>Each first-layer neuron&apos;s weights as a 28×28 image: what it looks for</source>
        <translation>把第一层每个神经元的权重显示为 28×28 图像：它在寻找什么</translation>
    </message>
    <message>
        <source>Evaluation</source>
        <translation>评估</translation>
    </message>
    <message>
        <source>Test accuracy or R², confusion matrix or residuals, after each epoch</source>
        <translation>每轮结束后的测试准确率或 R²、混淆矩阵或残差</translation>
    </message>
    <message>
        <source>Gradient check</source>
        <translation>梯度检验</translation>
    </message>
    <message>
        <source>Check backprop against central differences for the shown sample, layer by layer</source>
        <translation>对显示的样本逐层用中心差分检验反向传播的结果</translation>
    </message>
    <message>
        <source>Race</source>
        <translation>对比赛跑</translation>
    </message>
    <message>
        <source>Race 2 to 4 variants of this network from the same initial weights: gradient-descent modes, optimisers, learning rates, initialisations or activations</source>
        <translation>让这个网络的 2 到 4 个变体从相同的初始权重出发赛跑：比较梯度下降方式、优化器、学习率、初始化或激活函数</translation>
    </message>
    <message>
        <source>Draw a digit</source>
        <translation>手写数字</translation>
    </message>
    <message>
        <source>Draw a digit with the mouse and watch a network classify it</source>
        <translation>用鼠标写一个数字，看网络如何对它分类</translation>
    </message>
    <message>
        <source>Language: {name}</source>
        <translation>语言：{name}</translation>
    </message>
    <message>
        <source>nnviz — watch a neural network learn</source>
        <translation>nnviz — 看神经网络如何学习</translation>
    </message>
    <message>
        <source>&amp;File</source>
        <translation>文件(&amp;F)</translation>
    </message>
    <message>
        <source>&amp;Save model…</source>
        <translation>保存模型(&amp;S)…</translation>
    </message>
    <message>
        <source>&amp;Load model…</source>
        <translation>载入模型(&amp;L)…</translation>
    </message>
    <message>
        <source>&amp;Quit</source>
        <translation>退出(&amp;Q)</translation>
    </message>
    <message>
        <source>&amp;Training</source>
        <translation>训练(&amp;T)</translation>
    </message>
    <message>
        <source>&amp;View</source>
        <translation>视图(&amp;V)</translation>
    </message>
    <message>
        <source>&amp;Language</source>
        <translation>语言(&amp;L)</translation>
    </message>
    <message>
        <source>epoch %p%</source>
        <translation>本轮 %p%</translation>
    </message>
    <message>
        <source>Cancel</source>
        <translation>取消</translation>
    </message>
    <message>
        <source>Stop stepping through this epoch (Space does the same)</source>
        <translation>停止逐步运行这一轮（空格键也可以）</translation>
    </message>
    <message>
        <source>MNIST is not on this computer yet, so {preset} cannot train; showing {fallback}. Choose an MNIST preset again to download it or use the bundled subset.</source>
        <translation>这台电脑上还没有 MNIST，所以无法训练 {preset}；现在显示 {fallback}。再次选择 MNIST 预设即可下载它或使用自带的子集。</translation>
    </message>
    <message>
        <source>; </source>
        <translation>；</translation>
    </message>
    <message>
        <source>Load model</source>
        <translation>载入模型</translation>
    </message>
</context>
<context>
    <name>Memory</name>
    <message>
        <source>{n} bytes</source>
        <extracomment>Copies of the parameters any training keeps besides the parameters themselves: the gradients, the optimiser&apos;s scratch buffer, and a snapshot&apos;s copies of the weights, gradients and updates. The copies each optimiser adds: momentum&apos;s velocities, Adam&apos;s first and second moments.</extracomment>
        <translation>{n} 字节</translation>
    </message>
    <message>
        <source>the {layers} network needs about {needed} of memory; this machine has {available} available. Use fewer or smaller layers or a smaller batch</source>
        <extracomment>The named data sets; --dataset also takes a generator&apos;s name (nnviz.data.GENERATORS) or a .csv path. (training, test) samples of each dataset in full, for estimates made before the data are loaded. Points of the decision surfaces drawn for 2-D data (compute_surface&apos;s 48 x 48 grid). The share of the available memory a network may take; the rest is for the data, the views, Python.</extracomment>
        <translation>{layers} 网络约需 {needed} 内存，本机可用 {available}。请减少层数或缩小各层，或减小批大小</translation>
    </message>
    <message>
        <source>the {layers} network needs about {needed} of memory; this machine has {available} available. Use fewer or smaller layers</source>
        <translation>{layers} 网络约需 {needed} 内存，本机可用 {available}。请减少层数或缩小各层</translation>
    </message>
    <message>
        <source>the {layers} network has {parameters} parameters; nnviz builds at most {most}. Use fewer or smaller layers</source>
        <translation>{layers} 网络有 {parameters} 个参数；nnviz 最多构建 {most} 个。请减少层数或缩小各层</translation>
    </message>
</context>
<context>
    <name>MiniSurface</name>
    <message>
        <source>waiting for
the first step</source>
        <extracomment>Point colours for more than two classes, faded like the plane, so the points stand out on it. The plane as last painted (a new surface or size paints it again): repaints of the card around it (its numbers change with every frame) then cost a copy, not a smooth rescale.</extracomment>
        <translation>正在等待
第一步</translation>
    </message>
</context>
<context>
    <name>MnistData</name>
    <message>
        <source>run `nnviz data mnist` to download MNIST (about 11 MB), or pass --data-dir / set NNVIZ_DATA_DIR to a folder that has the four IDX files</source>
        <translation>请运行 `nnviz data mnist` 下载 MNIST（约 11 MB），或用 --data-dir / NNVIZ_DATA_DIR 指向包含四个 IDX 文件的文件夹</translation>
    </message>
    <message>
        <source>delete it and run `nnviz data mnist` to download it again</source>
        <translation>请删除它，然后运行 `nnviz data mnist` 重新下载</translation>
    </message>
    <message>
        <source>{problem}; {how_to_fix}</source>
        <translation>{problem}；{how_to_fix}</translation>
    </message>
    <message>
        <source>{labels_path} declares {labels} labels but {images_path} declares {images} images; delete both and run `nnviz data mnist` to download them again</source>
        <translation>{labels_path} 声明有 {labels} 个标签，但 {images_path} 声明有 {images} 张图像；请删除这两个文件，然后运行 `nnviz data mnist` 重新下载</translation>
    </message>
    <message>
        <source>MNIST images are unsigned bytes (uint8), this file holds {dtype}</source>
        <translation>MNIST 图像是无符号字节（uint8），而这个文件存的是 {dtype}</translation>
    </message>
    <message>
        <source>MNIST labels are unsigned bytes (uint8), this file holds {dtype}</source>
        <translation>MNIST 标签是无符号字节（uint8），而这个文件存的是 {dtype}</translation>
    </message>
    <message>
        <source>an images file has 3 dimensions, this one declares {n}</source>
        <translation>图像文件有 3 个维度，这个文件声明了 {n} 个</translation>
    </message>
    <message>
        <source>a labels file has 1 dimension, this one declares {n}</source>
        <translation>标签文件有 1 个维度，这个文件声明了 {n} 个</translation>
    </message>
    <message>
        <source>declares 0 images</source>
        <translation>声明了 0 张图像</translation>
    </message>
    <message>
        <source>declares 0 labels</source>
        <translation>声明了 0 个标签</translation>
    </message>
    <message>
        <source>MNIST images are {rows}×{columns} pixels, this file declares {declared_rows}×{declared_columns}</source>
        <translation>MNIST 图像是 {rows}×{columns} 像素，这个文件声明的是 {declared_rows}×{declared_columns}</translation>
    </message>
    <message>
        <source>{path}: {problem}; {how_to_fix}</source>
        <translation>{path}：{problem}；{how_to_fix}</translation>
    </message>
    <message>
        <source>MNIST files missing from {data_dir}: {missing}; {how_to_get}</source>
        <translation>{data_dir} 中缺少 MNIST 文件：{missing}；{how_to_get}</translation>
    </message>
    <message>
        <source>{problems}; {how_to_fix}</source>
        <translation>{problems}；{how_to_fix}</translation>
    </message>
    <message>
        <source>{labels_path}: label {label} is not a digit; {how_to_fix}</source>
        <translation>{labels_path}：标签 {label} 不是数字 0–9；{how_to_fix}</translation>
    </message>
    <message>
        <source>run `nnviz data mnist` to download it again</source>
        <translation>运行 `nnviz data mnist` 重新下载</translation>
    </message>
    <message>
        <source>{path} is a folder, not a file; move it out of {parent} and {again}, or put the IDX file it holds in its place</source>
        <translation>{path} 是文件夹而不是文件；请把它移出 {parent}，然后{again}，或者把其中的 IDX 文件放到它的位置</translation>
    </message>
    <message>
        <source>{path}: permission denied; make the file readable (e.g. chmod a+r), or delete it and {again}</source>
        <translation>{path}：权限不足；请让文件可读（例如 chmod a+r），或删除它，然后{again}</translation>
    </message>
    <message>
        <source>{path}: cannot be read ({reason}); delete it and {again}</source>
        <translation>{path}：无法读取（{reason}）；请删除它，然后{again}</translation>
    </message>
    <message>
        <source>{url}: {problem}</source>
        <translation>{url}：{problem}</translation>
    </message>
    <message>
        <source>no mirrors given</source>
        <translation>没有给出镜像</translation>
    </message>
    <message>
        <source>the {size} bytes received are kept in {file}, and the next try resumes</source>
        <translation>已收到的 {size} 字节保存在 {file} 中，下次会断点续传</translation>
    </message>
    <message>
        <source>could not download {file} into {folder}</source>
        <translation>无法把 {file} 下载到 {folder}</translation>
    </message>
    <message>
        <source>connection dropped {drops} times, last: {problem}</source>
        <translation>连接断开了 {drops} 次，最后一次：{problem}</translation>
    </message>
    <message>
        <source>cannot connect (no connection within {seconds} s)</source>
        <translation>无法连接（{seconds} 秒内没有建立连接）</translation>
    </message>
    <message>
        <source>cannot connect ({reason})</source>
        <translation>无法连接（{reason}）</translation>
    </message>
    <message>
        <source>connected, but no answer within {seconds} s</source>
        <translation>已连接，但 {seconds} 秒内没有响应</translation>
    </message>
    <message>
        <source>{error} before the response</source>
        <translation>收到响应之前发生 {error}</translation>
    </message>
    <message>
        <source>unexpected HTTP {status}</source>
        <translation>意外的 HTTP 状态 {status}</translation>
    </message>
    <message>
        <source>stalled: nothing received for {seconds} s after {bytes} bytes</source>
        <translation>停滞：收到 {bytes} 字节后 {seconds} 秒内没有收到任何数据</translation>
    </message>
    <message>
        <source>{error} after {bytes} bytes</source>
        <translation>收到 {bytes} 字节后发生 {error}</translation>
    </message>
    <message>
        <source>got {received} of {total} bytes</source>
        <translation>只收到 {total} 字节中的 {received} 字节</translation>
    </message>
</context>
<context>
    <name>MnistDataDialog</name>
    <message>
        <source>{summary}:</source>
        <translation>{summary}：</translation>
    </message>
    <message>
        <source>{note}.</source>
        <translation>{note}。</translation>
    </message>
    <message>
        <source>Download MNIST</source>
        <translation>下载 MNIST</translation>
    </message>
    <message>
        <source>MNIST is not on this computer yet</source>
        <translation>这台电脑上还没有 MNIST</translation>
    </message>
    <message>
        <source>&lt;b&gt;MNIST&lt;/b&gt; has 70,000 handwritten digits (about 11 MB to download).&lt;br&gt;It will be saved in &lt;tt&gt;{folder}&lt;/tt&gt; and checked against its SHA-256 checksums.&lt;br&gt;&lt;br&gt;No network? Use the &lt;b&gt;bundled subset&lt;/b&gt;: {n_train} training and {n_test} test digits that come with nnviz.</source>
        <translation>&lt;b&gt;MNIST&lt;/b&gt; 包含 70,000 个手写数字（下载约 11 MB）。&lt;br&gt;它将保存在 &lt;tt&gt;{folder}&lt;/tt&gt;，并用 SHA-256 校验和进行校验。&lt;br&gt;&lt;br&gt;没有网络？请使用 nnviz &lt;b&gt;自带的子集&lt;/b&gt;：{n_train} 个训练数字和 {n_test} 个测试数字。</translation>
    </message>
    <message>
        <source>Download the full set from public mirrors (about 11 MB), resumable</source>
        <translation>从公共镜像下载完整数据集（约 11 MB），可断点续传</translation>
    </message>
    <message>
        <source>Use the bundled subset</source>
        <translation>使用自带的子集</translation>
    </message>
    <message>
        <source>Train on the small subset that ships with nnviz; works offline</source>
        <translation>用 nnviz 自带的小子集训练；无需联网</translation>
    </message>
    <message>
        <source>Cancel</source>
        <translation>取消</translation>
    </message>
    <message>
        <source>Connecting…</source>
        <translation>正在连接…</translation>
    </message>
    <message>
        <source>Cancelling…</source>
        <translation>正在取消…</translation>
    </message>
    <message>
        <source>{megabytes} MB  ({percent})</source>
        <translation>{megabytes} MB  （{percent}）</translation>
    </message>
    <message>
        <source>Downloading {file}…</source>
        <translation>正在下载 {file}…</translation>
    </message>
    <message>
        <source>Downloaded and verified.</source>
        <translation>已下载并校验。</translation>
    </message>
    <message>
        <source>&lt;span style=&apos;color:{colour}&apos;&gt;&lt;b&gt;Download failed.&lt;/b&gt;&lt;/span&gt; Try again later (it resumes where it stopped), or use the bundled subset.</source>
        <translation>&lt;span style=&apos;color:{colour}&apos;&gt;&lt;b&gt;下载失败。&lt;/b&gt;&lt;/span&gt;请稍后重试（会从中断处继续），或使用自带的子集。</translation>
    </message>
    <message>
        <source>Try again</source>
        <translation>重试</translation>
    </message>
    <message>
        <source>Download cancelled. The part already downloaded is kept; downloading again resumes it.</source>
        <translation>下载已取消。已下载的部分会保留；再次下载时将从那里继续。</translation>
    </message>
    <message>
        <source>Resume download</source>
        <translation>继续下载</translation>
    </message>
</context>
<context>
    <name>ModelFile</name>
    <message>
        <source>{path} is not a regular file; choose another name to save the model under</source>
        <extracomment>The most any model archive unpacks to: float64 parameters at the cap, metadata, a header per member. Optional metadata fields that readers use, and the JSON type each must have when present. A temporary file nobody has written to for this long, whose process is gone, is left over from a killed save; one this old is left over whatever its process id says (the id may have been reused). Everything saved beside the architecture: preprocessing, hyperparameters, class names, metrics.</extracomment>
        <translation>{path} 不是普通文件；请换一个名称保存模型</translation>
    </message>
    <message>
        <source>cannot write in {folder}: {reason}</source>
        <translation>无法在 {folder} 中写入：{reason}</translation>
    </message>
    <message>
        <source>{path} is a folder; give a file name such as model.npz</source>
        <translation>{path} 是文件夹；请给出文件名，例如 model.npz</translation>
    </message>
    <message>
        <source>{folder} is a file, not a folder</source>
        <translation>{folder} 是文件，不是文件夹</translation>
    </message>
    <message>
        <source>cannot write in {folder} ({reason})</source>
        <translation>无法写入 {folder}（{reason}）</translation>
    </message>
    <message>
        <source>only {free} free in {folder}, and the model needs about {n_bytes}</source>
        <translation>{folder} 中只有 {free} 可用空间，而模型约需 {n_bytes}</translation>
    </message>
    <message>
        <source>{path} is a folder; choose a model file (.npz)</source>
        <translation>{path} 是一个文件夹；请选择一个模型文件（.npz）</translation>
    </message>
    <message>
        <source>{path}: no such model file</source>
        <translation>{path}：没有这个模型文件</translation>
    </message>
    <message>
        <source>{path}: {st_size} is more than any nnviz model (at most {max_archive_bytes}); refusing to read it</source>
        <translation>{path}：{st_size} 超过了任何 nnviz 模型的大小（最多 {max_archive_bytes}）；拒绝读取</translation>
    </message>
    <message>
        <source>{path}: not a readable nnviz model (its members are encrypted)</source>
        <translation>{path}：不是可读的 nnviz 模型（其成员已加密）</translation>
    </message>
    <message>
        <source>{path}: not a readable nnviz model ({exc})</source>
        <translation>{path}：不是可读的 nnviz 模型（{exc}）</translation>
    </message>
    <message>
        <source>it is not a zip archive</source>
        <translation>它不是 zip 压缩包</translation>
    </message>
    <message>
        <source>it ends too soon</source>
        <translation>文件提前结束</translation>
    </message>
    <message>
        <source>unreadable at line {line}, column {column}</source>
        <translation>第 {line} 行第 {column} 列无法解析</translation>
    </message>
    <message>
        <source>it is not UTF-8 text</source>
        <translation>它不是 UTF-8 文本</translation>
    </message>
    <message>
        <source>{path}: unexpected folder {name} in the archive</source>
        <translation>{path}：压缩包中有意外的文件夹 {name}</translation>
    </message>
    <message>
        <source>{path}: unsafe member name {name} in the archive</source>
        <translation>{path}：压缩包中有不安全的成员名 {name}</translation>
    </message>
    <message>
        <source>{path}: {name} appears twice in the archive</source>
        <translation>{path}：{name} 在压缩包中出现了两次</translation>
    </message>
    <message>
        <source>{path}: the archive unpacks to {total}, more than any nnviz model (at most {max_archive_bytes}); refusing to read it</source>
        <translation>{path}：压缩包解压后有 {total}，超过了任何 nnviz 模型的大小（最多 {max_archive_bytes}）；拒绝读取</translation>
    </message>
    <message>
        <source>{path}: {name} is in .npy format version {version}, which nnviz does not read</source>
        <translation>{path}：{name} 是 .npy 格式版本 {version}，nnviz 不读取这种格式</translation>
    </message>
    <message>
        <source>{path}: not a readable nnviz model ({name} holds pickled Python objects, which nnviz never loads)</source>
        <translation>{path}：不是可读的 nnviz 模型（{name} 包含 pickle 序列化的 Python 对象，nnviz 从不加载它们）</translation>
    </message>
    <message>
        <source>{path}: {name} has shape {declared_shape}; expected at most {max_items} bytes</source>
        <translation>{path}：{name} 的形状是 {declared_shape}；最多应为 {max_items} 字节</translation>
    </message>
    <message>
        <source>{path}: {name} has shape {declared_shape}, expected {shape}</source>
        <translation>{path}：{name} 的形状是 {declared_shape}，应为 {shape}</translation>
    </message>
    <message>
        <source>{path}: {name} has dtype {declared_dtype}, expected {dtype}</source>
        <translation>{path}：{name} 的数据类型是 {declared_dtype}，应为 {dtype}</translation>
    </message>
    <message>
        <source>{path}: {name} is truncated ({got} of {n_bytes} bytes)</source>
        <translation>{path}：{name} 被截断了（{n_bytes} 字节中只有 {got} 字节）</translation>
    </message>
    <message>
        <source>{path}: {name} holds more data than its header declares</source>
        <translation>{path}：{name} 的数据比其文件头声明的多</translation>
    </message>
    <message>
        <source>{path}: not an nnviz model (the archive has no metadata entry)</source>
        <translation>{path}：不是 nnviz 模型（压缩包中没有元数据项）</translation>
    </message>
    <message>
        <source>{path}: metadata entry is implausibly large; refusing to read it</source>
        <translation>{path}：元数据项大得不合常理；拒绝读取</translation>
    </message>
    <message>
        <source>{path}: metadata is not valid JSON ({exc})</source>
        <translation>{path}：元数据不是有效的 JSON（{exc}）</translation>
    </message>
    <message>
        <source>{path}: not an nnviz model (format is {found})</source>
        <translation>{path}：不是 nnviz 模型（format 为 {found}）</translation>
    </message>
    <message>
        <source>{path}: metadata has an invalid format_version {version}</source>
        <translation>{path}：元数据中的 format_version {version} 无效</translation>
    </message>
    <message>
        <source>{path}: model format version {version} is newer than this nnviz understands ({format_version}); update nnviz</source>
        <translation>{path}：模型格式版本 {version} 比这个 nnviz 能理解的版本（{format_version}）更新；请更新 nnviz</translation>
    </message>
    <message>
        <source>{path}: metadata field {key} must be a JSON {kind}, got {value}</source>
        <translation>{path}：元数据字段 {key} 必须是 JSON {kind}，得到的是 {value}</translation>
    </message>
    <message>
        <source>{path}: class_names must be strings, got {names}</source>
        <translation>{path}：class_names 必须是字符串，得到的是 {names}</translation>
    </message>
    <message>
        <source>{path}: preprocessing targets must be two different finite numbers, got {targets}</source>
        <translation>{path}：预处理的目标值必须是两个不同的有限数，得到的是 {targets}</translation>
    </message>
    <message>
        <source>{path}: metadata has no architecture</source>
        <translation>{path}：元数据中没有网络结构</translation>
    </message>
    <message>
        <source>{path}: the architecture&apos;s sizes must be a list of layer sizes, got {sizes}</source>
        <translation>{path}：网络结构中的 sizes 必须是各层大小的列表，得到的是 {sizes}</translation>
    </message>
    <message>
        <source>{path}: implausible layer sizes {sizes} (two or more whole numbers from 1 to {max_layer_size})</source>
        <translation>{path}：层大小 {sizes} 不合常理（应为两个或更多 1 到 {max_layer_size} 之间的整数）</translation>
    </message>
    <message>
        <source>{path}: a {layers} network has {n_parameters} parameters, more than nnviz loads ({max_parameters}); refusing to read it</source>
        <translation>{path}：{layers} 网络有 {n_parameters} 个参数，超过了 nnviz 能载入的数量（{max_parameters}）；拒绝读取</translation>
    </message>
    <message>
        <source>{path}: unsupported dtype {dtype}; expected &quot;float32&quot; or &quot;float64&quot;</source>
        <translation>{path}：不支持的数据类型 {dtype}；应为 &quot;float32&quot; 或 &quot;float64&quot;</translation>
    </message>
    <message>
        <source>{path}: the architecture&apos;s hidden activations must be names, got {hidden}</source>
        <translation>{path}：网络结构中的隐藏层激活函数必须是名称，得到的是 {hidden}</translation>
    </message>
    <message>
        <source>{path}: the architecture&apos;s {key} must be a name, got {value}</source>
        <translation>{path}：网络结构中的 {key} 必须是名称，得到的是 {value}</translation>
    </message>
    <message>
        <source>{path}: the architecture&apos;s seed must be a whole number &gt;= 0 or null, got {seed}</source>
        <translation>{path}：网络结构中的 seed 必须是 &gt;= 0 的整数或 null，得到的是 {seed}</translation>
    </message>
    <message>
        <source>{path}: {name} is not stored as {name}.npy</source>
        <translation>{path}：{name} 没有以 {name}.npy 的形式存储</translation>
    </message>
    <message>
        <source>{path}: {name} is larger than its shape {shape} allows</source>
        <translation>{path}：{name} 比其形状 {shape} 允许的更大</translation>
    </message>
    <message>
        <source>{path}: {name} contains NaN or infinite values</source>
        <translation>{path}：{name} 含有 NaN 或无穷大的值</translation>
    </message>
    <message>
        <source>{path}: invalid architecture ({exc})</source>
        <translation>{path}：无效的网络结构（{exc}）</translation>
    </message>
</context>
<context>
    <name>MosaicCanvas</name>
    <message>
        <source>Waiting for the first training step</source>
        <translation>正在等待第一个训练步</translation>
    </message>
    <message>
        <source>No network yet</source>
        <translation>还没有网络</translation>
    </message>
    <message>
        <source>neuron {neuron}</source>
        <translation>神经元 {neuron}</translation>
    </message>
</context>
<context>
    <name>Network</name>
    <message>
        <source>the step activation has no gradient; use it only for a perceptron&apos;s forward pass</source>
        <extracomment>Whether the function is defined for hidden layers (softmax couples a layer&apos;s neurons, so it is an output-only choice here) and whether it has a usable gradient (step has none). The range of a, as (low, high); losses that take logs need (0, 1).</extracomment>
        <translation>阶跃 (step) 激活函数没有梯度；只能用于感知机的前向传播</translation>
    </message>
    <message>
        <source>{activation} couples a layer&apos;s neurons and can only be the output activation</source>
        <translation>{activation} 会把一层的神经元耦合在一起，只能用作输出层的激活函数</translation>
    </message>
    <message>
        <source>softmax needs at least 2 output neurons; use sigmoid for a single output</source>
        <translation>softmax 至少需要 2 个输出神经元；单个输出请使用 sigmoid</translation>
    </message>
    <message>
        <source>the {loss} loss takes logs of the outputs, which need to lie in (0, 1); use a sigmoid or softmax output, not {output}</source>
        <translation>{loss} 损失要对输出取对数，输出必须位于 (0, 1) 之间；请使用 sigmoid 或 softmax 输出，而不是 {output}</translation>
    </message>
</context>
<context>
    <name>NeuronNames</name>
    <message>
        <source>hidden {layer} · neuron {number}</source>
        <translation>隐藏层 {layer} · 神经元 {number}</translation>
    </message>
    <message>
        <source>output</source>
        <translation>输出神经元</translation>
    </message>
    <message>
        <source>output {number} ({name})</source>
        <translation>输出 {number}（{name}）</translation>
    </message>
    <message>
        <source>pixel (row {row}, column {column})</source>
        <translation>像素（第 {row} 行，第 {column} 列）</translation>
    </message>
    <message>
        <source>output {number}</source>
        <translation>输出 {number}</translation>
    </message>
</context>
<context>
    <name>PadSources</name>
    <message>
        <source>{network} · {accuracy} on MNIST&apos;s test set</source>
        <translation>{network} · MNIST 测试集准确率 {accuracy}</translation>
    </message>
    <message>
        <source>{file} has {outputs} outputs; a digit classifier has 10</source>
        <translation>{file} 有 {outputs} 个输出；数字分类器应有 10 个</translation>
    </message>
    <message>
        <source>Classify with a model file</source>
        <translation>用模型文件识别</translation>
    </message>
    <message>
        <source>The bundled model could not be loaded: {error}</source>
        <translation>无法载入内置模型：{error}</translation>
    </message>
    <message>
        <source>The network in training learns {data}, not digits: choose an MNIST preset to draw for it.</source>
        <translation>训练中的网络学习的是 {data}，不是数字：请选择一个 MNIST 预设，再为它写数字。</translation>
    </message>
    <message>
        <source>step {step}, {accuracy} on the test set</source>
        <translation>第 {step} 步，测试集准确率 {accuracy}</translation>
    </message>
    <message>
        <source>step {step}, not trained yet</source>
        <translation>第 {step} 步，尚未训练</translation>
    </message>
    <message>
        <source>Could not use {file}: {error}</source>
        <translation>无法使用 {file}：{error}</translation>
    </message>
</context>
<context>
    <name>Phases</name>
    <message>
        <source>Forward: layer {layer} computes z = W·a + b and a = f(z)</source>
        <translation>前向传播：第 {layer} 层计算 z = W·a + b 与 a = f(z)</translation>
    </message>
    <message>
        <source>Backward: error term δ arrives at layer {layer}</source>
        <translation>反向传播：误差项 δ 到达第 {layer} 层</translation>
    </message>
    <message>
        <source>Input: the sample enters the network</source>
        <translation>输入：样本进入网络</translation>
    </message>
    <message>
        <source>Loss: the output is compared with the target</source>
        <translation>损失：将输出与目标值比较</translation>
    </message>
    <message>
        <source>Update: every weight moves by −learning rate × gradient</source>
        <translation>更新：每个权重移动 −学习率 × 梯度</translation>
    </message>
</context>
<context>
    <name>PlotsView</name>
    <message>
        <source>cross-entropy</source>
        <extracomment>The loss axis names the loss the network minimises.</extracomment>
        <translation>交叉熵</translation>
    </message>
    <message>
        <source>loss per step</source>
        <translation>每步损失</translation>
    </message>
    <message>
        <source>train loss (epoch)</source>
        <translation>训练损失（每轮）</translation>
    </message>
    <message>
        <source>test loss (epoch)</source>
        <translation>测试损失（每轮）</translation>
    </message>
    <message>
        <source>train (epoch)</source>
        <translation>训练（每轮）</translation>
    </message>
    <message>
        <source>test (epoch)</source>
        <translation>测试（每轮）</translation>
    </message>
    <message>
        <source>smoothed (EMA {smoothing})</source>
        <translation>平滑（EMA {smoothing}）</translation>
    </message>
    <message>
        <source>train, running (last {samples} samples)</source>
        <translation>训练（最近 {samples} 个样本的滑动值）</translation>
    </message>
    <message>
        <source>loss ({name})</source>
        <translation>损失（{name}）</translation>
    </message>
    <message>
        <source>loss</source>
        <translation>损失</translation>
    </message>
    <message>
        <source>log scale (loss)</source>
        <translation>对数刻度（损失）</translation>
    </message>
    <message>
        <source>Show the loss on a logarithmic axis; zero losses are left out.</source>
        <translation>用对数坐标轴显示损失；为零的损失不画出。</translation>
    </message>
    <message>
        <source>smoothing</source>
        <translation>平滑</translation>
    </message>
    <message>
        <source>Weight of the past in the smoothed loss: 0 = raw, 0.99 = very smooth</source>
        <translation>平滑损失中过去值的权重：0 = 不平滑，0.99 = 非常平滑</translation>
    </message>
    <message>
        <source>step</source>
        <translation>步数</translation>
    </message>
</context>
<context>
    <name>PointEditor</name>
    <message>
        <source>Click to add a point: left button = blue (class 0), right button = orange (class 1). Drag a point to move it. The network goes on training on them.</source>
        <extracomment>How near (pixels) a press must be to a point&apos;s centre to grab it: its radius and a little more. What the plane&apos;s tooltip says about editing (through i18n.said, in the window&apos;s language).</extracomment>
        <translation>点击添加一个点：左键 = 蓝色（类别 0），右键 = 橙色（类别 1）。拖动一个点可以移动它。网络会接着在这些点上训练。</translation>
    </message>
    <message>
        <source>Click to add a point: left button = the set&apos;s highest value, right button = its lowest. Drag a point to move it. The network goes on training on them.</source>
        <translation>点击添加一个点：左键 = 数据集中的最大值，右键 = 最小值。拖动一个点可以移动它。网络会接着在这些点上训练。</translation>
    </message>
</context>
<context>
    <name>Predictor</name>
    <message>
        <source>a digit classifier needs 784 inputs (28x28), this network takes {inputs}</source>
        <translation>数字分类器需要 784 个输入（28x28），而这个网络有 {inputs} 个输入</translation>
    </message>
</context>
<context>
    <name>Presets</name>
    <message>
        <source>the {layers} network has {hidden} hidden layers; the window shows at most {most}</source>
        <extracomment>What the window builds and draws: at most this many hidden layers, of at most layer_limit() neurons (the editor offers no more, and a loaded model may not bring more: each layer is a view of its own).</extracomment>
        <translation>{layers} 网络有 {hidden} 个隐藏层；窗口最多显示 {most} 个</translation>
    </message>
    <message>
        <source>the {layers} network has a hidden layer of {neurons} neurons; on {dataset} the window shows at most {most} per layer</source>
        <translation>{layers} 网络有一个含 {neurons} 个神经元的隐藏层；在 {dataset} 上窗口每层最多显示 {most} 个</translation>
    </message>
    <message>
        <source>a single sigmoid neuron, weights [0, 1] and bias 4; on input [2, 3] it outputs 0.999</source>
        <extracomment>Target values for &quot;not this class&quot; and &quot;this class&quot;; the textbook&apos;s 0.01/0.99 keep sigmoid outputs away from saturation, where MSE&apos;s gradient vanishes. MNIST input scaling: &quot;unit&quot; (x/255) or &quot;textbook&quot; (x/255 * 0.99 + 0.01). Fixed starting parameters as ((W, b), ...) nested lists, for examples that prescribe them. Training steps per second the window starts this preset at (None: as fast as it trains). The toy sets train in seconds at full speed; at their pace a learner watches the loss fall. The worked example&apos;s own training samples, ((x, label), ...), in place of the dataset&apos;s (whose names and queries stay): a curriculum example trains on exactly the sample it works through. The data in full (a generator with its noise, size and seed; a CSV file; drawn points), when the kind alone does not say it; see preset_spec. The curriculum&apos;s input: 137 lb and 69 in, as the gender example centres them (−135 lb, −66 in).</extracomment>
        <translation>单个 sigmoid 神经元，权重 [0, 1]，偏置 4；输入 [2, 3] 时输出 0.999</translation>
    </message>
    <message>
        <source>2-2-1 sigmoid network, every neuron weights [0, 1] and bias 0; on input [2, 3] it outputs 0.7216</source>
        <translation>2-2-1 sigmoid 网络，每个神经元的权重为 [0, 1]、偏置为 0；输入 [2, 3] 时输出 0.7216</translation>
    </message>
    <message>
        <source>2-2-1 sigmoid network, all weights 1 and biases 0, trained on Alice alone: backprop by hand (∂L/∂w₁ = 0.0214)</source>
        <translation>2-2-1 sigmoid 网络，权重全为 1、偏置全为 0，只用 Alice 一个样本训练：手算反向传播（∂L/∂w₁ = 0.0214）</translation>
    </message>
    <message>
        <source>2-2-1 sigmoid network, MSE, stochastic SGD: predict gender from weight and height</source>
        <translation>2-2-1 sigmoid 网络，MSE，逐样本 SGD：根据体重和身高预测性别</translation>
    </message>
    <message>
        <source>2-10-1, tanh hidden, sigmoid output, binary cross-entropy, SGD (the Keras XOR example)</source>
        <translation>2-10-1，tanh 隐藏层，sigmoid 输出，二元交叉熵，SGD（Keras 的 XOR 示例）</translation>
    </message>
    <message>
        <source>an orange disc inside a blue ring: one hidden layer bends the boundary into a closed curve</source>
        <translation>蓝色圆环中的橙色圆盘：一个隐藏层就能把决策边界弯成一条闭合曲线</translation>
    </message>
    <message>
        <source>two round clouds of points: a straight line splits them, so it learns within a few epochs</source>
        <translation>两团圆形点云：一条直线就能把它们分开，几轮之内就能学会</translation>
    </message>
    <message>
        <source>XOR as clouds of points in four quadrants: needs a hidden layer, as XOR does</source>
        <translation>分布在四个象限中的 XOR 点云：和 XOR 一样需要隐藏层</translation>
    </message>
    <message>
        <source>two interleaved spiral arms (400 points, no noise): two hidden layers and Adam, the hardest 2-D set</source>
        <translation>两条交错的螺旋臂（400 个点，无噪声）：两个隐藏层加 Adam，最难的二维数据集</translation>
    </message>
    <message>
        <source>regression: y = (x1 + x2) / 2 with noise; a straight fit, learnt within a few epochs</source>
        <translation>回归：带噪声的 y = (x1 + x2) / 2；直线式的拟合，几轮之内即可学会</translation>
    </message>
    <message>
        <source>regression: a hill in the middle of the plane; two hidden layers shape it</source>
        <translation>回归：平面中央的一座小山；由两个隐藏层塑造</translation>
    </message>
    <message>
        <source>regression: y = sin(x) over one period, one input; watch the fitted curve bend to the points</source>
        <translation>回归：一个周期上的 y = sin(x)，单个输入；看拟合曲线如何弯向数据点</translation>
    </message>
    <message>
        <source>784-200-10 sigmoid, MSE on 0.01/0.99 targets, lr 0.1, one sample at a time (the textbook&apos;s)</source>
        <translation>784-200-10 sigmoid，目标值 0.01/0.99 上的 MSE，学习率 0.1，每次一个样本（教材的做法）</translation>
    </message>
    <message>
        <source>784-256-128-10 ReLU, softmax + cross-entropy with label smoothing, Adam, batches of 512, augmented: accuracy per second (about 98.8 % in 10 epochs)</source>
        <translation>784-256-128-10 ReLU，softmax + 带标签平滑的交叉熵，Adam，每批 512 个样本，数据增强：追求用最少的时间达到高准确率（10 轮约 98.8 %）</translation>
    </message>
    <message>
        <source>mean squared error</source>
        <translation>均方误差</translation>
    </message>
    <message>
        <source>binary cross-entropy</source>
        <translation>二元交叉熵</translation>
    </message>
    <message>
        <source>cross-entropy</source>
        <translation>交叉熵</translation>
    </message>
    <message>
        <source>SGD with momentum</source>
        <translation>带动量的 SGD</translation>
    </message>
    <message>
        <source>one sample per step</source>
        <translation>每步一个样本</translation>
    </message>
    <message>
        <source>the whole set per step</source>
        <translation>每步整个数据集</translation>
    </message>
    <message>
        <source>batches of {n}</source>
        <translation>每批 {n} 个样本</translation>
    </message>
    <message>
        <source>{sizes}, {hidden} hidden, {output} output, {loss}; {optimizer} at learning rate {lr}, {per_step}</source>
        <translation>{sizes}，隐藏层 {hidden}，输出层 {output}，{loss}；{optimizer}，学习率 {lr}，{per_step}</translation>
    </message>
    <message>
        <source>{sizes}, {output} output, {loss}; {optimizer} at learning rate {lr}, {per_step}</source>
        <translation>{sizes}，输出层 {output}，{loss}；{optimizer}，学习率 {lr}，{per_step}</translation>
    </message>
    <message>
        <source>predict {target}</source>
        <translation>预测 {target}</translation>
    </message>
    <message>
        <source>tell 2 classes apart</source>
        <translation>区分 2 个类别</translation>
    </message>
    <message>
        <source>tell {n} classes apart</source>
        <translation>区分 {n} 个类别</translation>
    </message>
    <message>
        <source>a network sized to {data}: {inputs} inputs, {task}</source>
        <translation>按 {data} 定制的网络：{inputs} 个输入，{task}</translation>
    </message>
</context>
<context>
    <name>ProbabilityBars</name>
    <message>
        <source>The network&apos;s answer for each class, as probabilities that add up to 100%</source>
        <translation>网络对每个类别的回答，以概率表示，总和为 100%</translation>
    </message>
    <message>
        <source>The network&apos;s output for each class, between 0 and 1 (sigmoid outputs, one per class: they need not add up to 1)</source>
        <translation>网络对每个类别的输出，介于 0 与 1 之间（每个类别一个 sigmoid 输出：它们之和不必为 1）</translation>
    </message>
</context>
<context>
    <name>Race</name>
    <message>
        <source>gradient-descent mode</source>
        <extracomment>What a race may vary, and how a learner reads its name.</extracomment>
        <translation>梯度下降方式</translation>
    </message>
    <message>
        <source>optimiser</source>
        <translation>优化器</translation>
    </message>
    <message>
        <source>learning rate</source>
        <translation>学习率</translation>
    </message>
    <message>
        <source>initialisation</source>
        <translation>初始化方式</translation>
    </message>
    <message>
        <source>hidden activation</source>
        <translation>隐藏层激活函数</translation>
    </message>
    <message>
        <source>cannot vary {vary}: choose one of {choices}</source>
        <translation>不能改变 {vary}：请从 {choices} 中选一个</translation>
    </message>
    <message>
        <source>a race has {least} to {most} runs; got {counted}</source>
        <translation>对比赛跑需要 {least} 到 {most} 组；现在是 {counted}</translation>
    </message>
    <message>
        <source>{first} and {second} are the same {what}: each run must differ</source>
        <translation>{first} 与 {second} 是同一种{what}：每组必须各不相同</translation>
    </message>
    <message>
        <source>an empty value in the gradient-descent modes to race: {values}</source>
        <translation>要比较的梯度下降方式中有空值：{values}</translation>
    </message>
    <message>
        <source>an empty value in the optimisers to race: {values}</source>
        <translation>要比较的优化器中有空值：{values}</translation>
    </message>
    <message>
        <source>an empty value in the learning rates to race: {values}</source>
        <translation>要比较的学习率中有空值：{values}</translation>
    </message>
    <message>
        <source>an empty value in the initialisations to race: {values}</source>
        <translation>要比较的初始化方式中有空值：{values}</translation>
    </message>
    <message>
        <source>an empty value in the hidden activations to race: {values}</source>
        <translation>要比较的隐藏层激活函数中有空值：{values}</translation>
    </message>
    <message>
        <source>1 gradient-descent mode</source>
        <translation>1 种梯度下降方式</translation>
    </message>
    <message>
        <source>1 optimiser</source>
        <translation>1 个优化器</translation>
    </message>
    <message>
        <source>1 learning rate</source>
        <translation>1 个学习率</translation>
    </message>
    <message>
        <source>1 initialisation</source>
        <translation>1 种初始化方式</translation>
    </message>
    <message>
        <source>1 hidden activation</source>
        <translation>1 种隐藏层激活函数</translation>
    </message>
    <message>
        <source>{n} gradient-descent modes</source>
        <translation>{n} 种梯度下降方式</translation>
    </message>
    <message>
        <source>{n} optimisers</source>
        <translation>{n} 个优化器</translation>
    </message>
    <message>
        <source>{n} learning rates</source>
        <translation>{n} 个学习率</translation>
    </message>
    <message>
        <source>{n} initialisations</source>
        <translation>{n} 种初始化方式</translation>
    </message>
    <message>
        <source>{n} hidden activations</source>
        <translation>{n} 种隐藏层激活函数</translation>
    </message>
    <message>
        <source>stochastic</source>
        <translation>随机（逐样本）</translation>
    </message>
    <message>
        <source>full batch</source>
        <translation>全批量</translation>
    </message>
    <message>
        <source>a mini-batch holds at least one sample, got {value}</source>
        <translation>小批量至少包含一个样本，得到的是 {value}</translation>
    </message>
    <message>
        <source>mini-batch {n}</source>
        <translation>小批量 {n}</translation>
    </message>
    <message>
        <source>unknown gradient-descent mode {value}: use stochastic, minibatch:N or batch</source>
        <translation>未知的梯度下降方式 {value}：请使用 stochastic、minibatch:N 或 batch</translation>
    </message>
    <message>
        <source>the mini-batch size in {value} must be a whole number, like minibatch:32</source>
        <translation>{value} 中的小批量大小必须是整数，例如 minibatch:32</translation>
    </message>
    <message>
        <source>unknown optimiser {value}: use {names}</source>
        <translation>未知的优化器 {value}：请使用 {names}</translation>
    </message>
    <message>
        <source>momentum {momentum}</source>
        <translation>动量 {momentum}</translation>
    </message>
    <message>
        <source>the learning rate {value} is not a number</source>
        <translation>学习率 {value} 不是数字</translation>
    </message>
    <message>
        <source>a learning rate must lie in (0, 100], got {value}</source>
        <translation>学习率必须在 (0, 100] 之间，得到的是 {value}</translation>
    </message>
    <message>
        <source>lr {lr}</source>
        <translation>学习率 {lr}</translation>
    </message>
    <message>
        <source>unknown initialisation {value}: use {names}</source>
        <translation>未知的初始化方式 {value}：请使用 {names}</translation>
    </message>
    <message>
        <source>{name} init</source>
        <translation>{name} 初始化</translation>
    </message>
    <message>
        <source>the {layers} network has no hidden layer whose activation could vary</source>
        <translation>{layers} 网络没有可以改变激活函数的隐藏层</translation>
    </message>
    <message>
        <source>{name} can only be an output activation, not a hidden one</source>
        <translation>{name} 只能用作输出层激活函数，不能用于隐藏层</translation>
    </message>
    <message>
        <source>the {name} activation has no gradient, so back-propagation cannot train it</source>
        <translation>{name} 激活函数没有梯度，反向传播无法训练它</translation>
    </message>
    <message>
        <source>{name} hidden</source>
        <translation>隐藏层用 {name}</translation>
    </message>
    <message>
        <source>sample order</source>
        <extracomment>Paces the window offers (epochs a second for every run; None: each as fast as it can). A paced run takes one step, then answers the window: beyond a few hundred steps a second it falls behind its pace, and one-sample steps are the most a race makes per epoch.</extracomment>
        <translation>样本顺序</translation>
    </message>
    <message>
        <source>sample order (seed {seed})</source>
        <translation>样本顺序（种子 {seed}）</translation>
    </message>
    <message>
        <source>same {layers} network and {order}; each run draws its own initial weights</source>
        <translation>相同的 {layers} 网络和{order}；每组各自抽取初始权重</translation>
    </message>
    <message>
        <source>same {layers} network, initial weights and {order}</source>
        <translation>相同的 {layers} 网络、初始权重和{order}</translation>
    </message>
    <message>
        <source>epochs</source>
        <extracomment>The smoothed loss averages about this share of an epoch&apos;s samples (the EMA&apos;s time constant). Readings a Timeline keeps at most (then every second one, the newest always).</extracomment>
        <translation>轮次</translation>
    </message>
    <message>
        <source>samples seen</source>
        <translation>已见样本数</translation>
    </message>
    <message>
        <source>updates made</source>
        <translation>更新次数</translation>
    </message>
    <message>
        <source>seconds of training</source>
        <translation>训练秒数</translation>
    </message>
    <message>
        <source>loss per update</source>
        <translation>每次更新的损失</translation>
    </message>
    <message>
        <source>loss per update, smoothed</source>
        <extracomment>Averaged over the same share of an epoch for every run (see smoothed_per_epoch).</extracomment>
        <translation>每次更新的损失（平滑）</translation>
    </message>
    <message>
        <source>test loss per epoch</source>
        <translation>每轮的测试损失</translation>
    </message>
    <message>
        <source>1 run on 1 core: one core each</source>
        <translation>1 组使用 1 个核心：每组独占一个核心</translation>
    </message>
    <message>
        <source>1 run on {cores} cores: one core each</source>
        <translation>1 组使用 {cores} 个核心：每组独占一个核心</translation>
    </message>
    <message>
        <source>{runs} runs on {cores} cores: one core each</source>
        <translation>{runs} 组使用 {cores} 个核心：每组独占一个核心</translation>
    </message>
    <message>
        <source>{runs} runs share 1 core: ~{share} % of a core each</source>
        <translation>{runs} 组共用 1 个核心：每组约占一个核心的 {share} %</translation>
    </message>
    <message>
        <source>{runs} runs share {cores} cores: ~{share} % of a core each</source>
        <translation>{runs} 组共用 {cores} 个核心：每组约占一个核心的 {share} %</translation>
    </message>
</context>
<context>
    <name>RacePlot</name>
    <message>
        <source>Epochs</source>
        <extracomment>One colour per run, apart from the surfaces&apos; blue and orange (which mean classes). Curves get markers while they have few enough points to tell them apart (full batch: one an epoch). The x axes in the order of their toggle buttons (worded in RacePlot.retranslate).</extracomment>
        <translation>轮次</translation>
    </message>
    <message>
        <source>Loss against epochs: every run has seen every sample once per epoch</source>
        <translation>损失随轮次的变化：每一轮中，每个运行都把每个样本看过一次</translation>
    </message>
    <message>
        <source>Samples</source>
        <translation>样本数</translation>
    </message>
    <message>
        <source>Loss against the training samples each run has seen</source>
        <translation>损失随各运行已看过的训练样本数的变化</translation>
    </message>
    <message>
        <source>Updates</source>
        <translation>更新次数</translation>
    </message>
    <message>
        <source>Loss against the updates (gradient-descent steps) each run has made</source>
        <translation>损失随各运行已做的更新次数（梯度下降步数）的变化</translation>
    </message>
    <message>
        <source>Seconds</source>
        <translation>秒数</translation>
    </message>
    <message>
        <source>Loss against each run&apos;s seconds of training (its steps only: pauses and pacing are left out)</source>
        <translation>损失随各运行训练秒数的变化（只计训练步本身，不含暂停和限速等待）</translation>
    </message>
    <message>
        <source>The loss of each update&apos;s own batch (noisy for one sample, smooth for the whole set); the same smoothed over a tenth of an epoch&apos;s samples, alike for every run; or the test loss measured after each epoch</source>
        <translation>每次更新所用那一批的损失（单个样本时噪声大，全批量时平滑）；或同样的损失在十分之一轮的样本上平滑（各运行一致）；或每轮结束后测得的测试损失</translation>
    </message>
    <message>
        <source>log</source>
        <translation>对数</translation>
    </message>
    <message>
        <source>Show the loss on a logarithmic axis</source>
        <translation>用对数坐标轴显示损失</translation>
    </message>
    <message>
        <source>Export</source>
        <translation>导出</translation>
    </message>
    <message>
        <source>Save the curves as an image (PNG) or as numbers (CSV)</source>
        <translation>把曲线保存为图像（PNG）或数值（CSV）</translation>
    </message>
    <message>
        <source>Each run&apos;s loss is drawn here once the race starts.</source>
        <translation>赛跑开始后，各运行的损失曲线会画在这里。</translation>
    </message>
    <message>
        <source>cannot write {path}</source>
        <translation>无法写入 {path}</translation>
    </message>
    <message>
        <source>test loss</source>
        <translation>测试损失</translation>
    </message>
    <message>
        <source>loss (smoothed)</source>
        <translation>损失（平滑）</translation>
    </message>
    <message>
        <source>loss</source>
        <translation>损失</translation>
    </message>
</context>
<context>
    <name>RaceView</name>
    <message>
        <source>The one thing the runs differ in; everything else is the window&apos;s network</source>
        <extracomment>A card&apos;s height apart from its surface (title and five lines of numbers), and its widest. The cards take at most this share of the tab&apos;s width (those that do not fit scroll): the curves the rest.</extracomment>
        <translation>各组之间唯一不同的设置；其余都与窗口中的网络相同</translation>
    </message>
    <message>
        <source>2 to 4 values, separated by commas. Modes: stochastic, minibatch:N, batch; optimisers: sgd, momentum, adam; initialisations: textbook, xavier, he</source>
        <translation>2 到 4 个值，用逗号分隔。方式：stochastic（随机梯度下降）、minibatch:N（小批量）、batch（全批量）；优化器：sgd、momentum、adam；初始化：textbook、xavier、he</translation>
    </message>
    <message>
        <source> epochs</source>
        <translation> 轮</translation>
    </message>
    <message>
        <source>How many epochs each run trains</source>
        <translation>每组训练多少轮</translation>
    </message>
    <message>
        <source>full speed</source>
        <translation>全速</translation>
    </message>
    <message>
        <source>{pace} epochs/s</source>
        <translation>每秒 {pace} 轮</translation>
    </message>
    <message>
        <source>Every run goes through as many epochs a second (each makes the updates its epochs need), or each runs as fast as it can</source>
        <translation>每组每秒跑同样多的轮数（各自完成这些轮所需的更新），或者各自全速运行</translation>
    </message>
    <message>
        <source>Start every run afresh from the same initial weights</source>
        <translation>所有组都从相同的初始权重重新开始</translation>
    </message>
    <message>
        <source>Step</source>
        <translation>单步</translation>
    </message>
    <message>
        <source>Every run makes one update</source>
        <translation>每组做一次更新</translation>
    </message>
    <message>
        <source>Step epoch</source>
        <translation>单步：一轮</translation>
    </message>
    <message>
        <source>Every run trains to the end of its epoch</source>
        <translation>每组训练到本轮结束</translation>
    </message>
    <message>
        <source>Vary</source>
        <translation>变化</translation>
    </message>
    <message>
        <source>Curves as PNG…</source>
        <translation>曲线导出为 PNG…</translation>
    </message>
    <message>
        <source>Curves as CSV…</source>
        <translation>曲线导出为 CSV…</translation>
    </message>
    <message>
        <source>mode (batch size)</source>
        <translation>方式（批大小）</translation>
    </message>
    <message>
        <source>optimiser</source>
        <translation>优化器</translation>
    </message>
    <message>
        <source>learning rate</source>
        <translation>学习率</translation>
    </message>
    <message>
        <source>initialisation</source>
        <translation>初始化</translation>
    </message>
    <message>
        <source>hidden activation</source>
        <translation>隐藏层激活函数</translation>
    </message>
    <message>
        <source>gradient-descent mode</source>
        <translation>梯度下降方式</translation>
    </message>
    <message>
        <source>Nothing to race yet: the window has no network.</source>
        <translation>还没有可以赛跑的内容：窗口中还没有网络。</translation>
    </message>
    <message>
        <source>&lt;b&gt;Varying the {what}&lt;/b&gt; — {shared}; {dataset}, {samples} training samples.</source>
        <translation>&lt;b&gt;变化的是{what}&lt;/b&gt; —— {shared}；{dataset}，{samples} 个训练样本。</translation>
    </message>
    <message>
        <source>{caption} Building {runs} networks…</source>
        <translation>{caption} 正在构建 {runs} 个网络…</translation>
    </message>
    <message>
        <source>Pause</source>
        <translation>暂停</translation>
    </message>
    <message>
        <source>Pause every run</source>
        <translation>暂停所有组</translation>
    </message>
    <message>
        <source>Train on</source>
        <translation>继续训练</translation>
    </message>
    <message>
        <source>Every run trains another round of epochs</source>
        <translation>每组再训练同样多的轮数</translation>
    </message>
    <message>
        <source>Resume</source>
        <translation>继续</translation>
    </message>
    <message>
        <source>Every run goes on</source>
        <translation>所有组继续</translation>
    </message>
    <message>
        <source>Start race</source>
        <translation>开始赛跑</translation>
    </message>
    <message>
        <source>Restart</source>
        <translation>重新开始</translation>
    </message>
    <message>
        <source>Races the window&apos;s {layers} network on {dataset} ({samples} training samples): choose what to vary and press &lt;b&gt;Start race&lt;/b&gt;.</source>
        <translation>用窗口中的 {layers} 网络在 {dataset}（{samples} 个训练样本）上赛跑：选择要变化的设置，然后按&lt;b&gt;开始赛跑&lt;/b&gt;。</translation>
    </message>
    <message>
        <source>{cores} cores; each run trains in a process of its own</source>
        <translation>{cores} 个核心；每组在各自的进程中训练</translation>
    </message>
    <message>
        <source>Each run trains in a process of its own (one BLAS thread each); the operating system shares the cores between them, so a run&apos;s seconds of training grow when runs outnumber cores. The window&apos;s own training is paused when a race starts.</source>
        <translation>每组在各自的进程中训练（各用一个 BLAS 线程）；操作系统在它们之间分配 CPU 核心，所以组数多于核心数时，每组的训练秒数会变长。赛跑开始时，窗口自己的训练会暂停。</translation>
    </message>
    <message>
        <source>Each run trains in a process of its own (one BLAS thread each); the operating system shares the cores between them, so a run&apos;s seconds of training grow when runs outnumber cores.</source>
        <translation>每组在各自的进程中训练（各用一个 BLAS 线程）；操作系统在它们之间分配 CPU 核心，所以组数多于核心数时，每组的训练秒数会变长。</translation>
    </message>
    <message>
        <source>PNG image (*.png)</source>
        <translation>PNG 图像 (*.png)</translation>
    </message>
    <message>
        <source>CSV table (*.csv)</source>
        <translation>CSV 表格 (*.csv)</translation>
    </message>
    <message>
        <source>Export the race&apos;s curves</source>
        <translation>导出赛跑曲线</translation>
    </message>
    <message>
        <source>Could not export the curves: {error}</source>
        <translation>无法导出曲线：{error}</translation>
    </message>
</context>
<context>
    <name>ReceptiveFieldsView</name>
    <message>
        <source>one scale for all tiles</source>
        <translation>所有小图用同一色标</translation>
    </message>
    <message>
        <source>Colour every tile against the largest |w| of the whole layer instead of its own, to compare how strong the neurons&apos; weights are</source>
        <translation>按整层最大的 |w| 而不是各自最大的 |w| 给每个小图着色，以比较各神经元权重的强弱</translation>
    </message>
    <message>
        <source>learned so far (W − W₀)</source>
        <translation>目前学到的（W − W₀）</translation>
    </message>
    <message>
        <source>Show how far each weight has moved from W₀, the first layer as it was when first shown after the network was built: what training has added to the random start</source>
        <translation>显示每个权重离 W₀ 移动了多远（W₀ 是网络建好后第一次显示时的第一层）：即训练在随机初始值之上增加的部分</translation>
    </message>
    <message>
        <source>&lt;b&gt;Deeper layers&lt;/b&gt; — their inputs are neurons, not pixels, so their weights are shown as matrices: row i is neuron i, column j its input j</source>
        <translation>&lt;b&gt;更深的层&lt;/b&gt; — 它们的输入是神经元而不是像素，所以其权重以矩阵显示：第 i 行是神经元 i，第 j 列是它的输入 j</translation>
    </message>
    <message>
        <source>pixel ({row}, {column})</source>
        <translation>像素 ({row}, {column})</translation>
    </message>
    <message>
        <source>input {column}</source>
        <translation>输入 {column}</translation>
    </message>
    <message>
        <source>neuron {neuron} of {count} · {where}: w = {w}</source>
        <translation>神经元 {neuron}（共 {count} 个）· {where}：w = {w}</translation>
    </message>
    <message>
        <source> (moved {change})</source>
        <translation>（移动了 {change}）</translation>
    </message>
    <message>
        <source> · tile scale ±{scale}</source>
        <translation> · 小图色标 ±{scale}</translation>
    </message>
    <message>
        <source>&lt;b&gt;Layer 1 weights&lt;/b&gt; — one {height}×{width} tile per hidden neuron ({count}): the pattern it multiplies the image with</source>
        <translation>&lt;b&gt;第 1 层权重&lt;/b&gt; — 每个隐藏层神经元一个 {height}×{width} 小图（共 {count} 个）：即它与图像相乘的模式</translation>
    </message>
    <message>
        <source>Layer 1 weights</source>
        <translation>第 1 层权重</translation>
    </message>
    <message>
        <source>{positive} grew · {negative} shrank since the start</source>
        <translation>{positive} 比开始时增大 · {negative} 比开始时减小</translation>
    </message>
    <message>
        <source>{positive} excites · {negative} inhibits · early on mostly the random start: try “learned so far”</source>
        <translation>{positive} 兴奋 · {negative} 抑制 · 训练初期主要是随机初始值：试试“目前学到的”</translation>
    </message>
    <message>
        <source>each tile on its own scale, so every pattern shows</source>
        <translation>每个小图用各自的色标，所有模式都看得见</translation>
    </message>
    <message>
        <source>one scale for all tiles (± {scale}): the strongest stand out</source>
        <translation>所有小图用同一色标（± {scale}）：最强的最显眼</translation>
    </message>
</context>
<context>
    <name>ResidualsPanel</name>
    <message>
        <source>test sample</source>
        <extracomment>How many of the largest residuals the table lists. At most this many input columns are listed beside each residual (a wide CSV would crowd them out). Below this width the plot and the table stack instead of standing side by side.</extracomment>
        <translation>测试样本</translation>
    </message>
    <message>
        <source>predicted = actual</source>
        <translation>预测 = 实际</translation>
    </message>
    <message>
        <source>target</source>
        <translation>目标</translation>
    </message>
    <message>
        <source>actual {target}</source>
        <translation>实际 {target}</translation>
    </message>
    <message>
        <source>predicted {target}</source>
        <translation>预测 {target}</translation>
    </message>
    <message>
        <source>Predicted against actual {target}</source>
        <translation>{target} 的预测值与实际值</translation>
    </message>
    <message>
        <source>sample</source>
        <translation>样本</translation>
    </message>
    <message>
        <source>actual</source>
        <translation>实际</translation>
    </message>
    <message>
        <source>predicted</source>
        <translation>预测</translation>
    </message>
    <message>
        <source>residual</source>
        <translation>残差</translation>
    </message>
    <message>
        <source>the sample&apos;s row in the test split</source>
        <translation>该样本在测试集中的行号</translation>
    </message>
    <message>
        <source>input {name}</source>
        <translation>输入 {name}</translation>
    </message>
    <message>
        <source>the sample&apos;s {target}</source>
        <translation>该样本的 {target}</translation>
    </message>
    <message>
        <source>what the network predicts for {target}</source>
        <translation>网络对 {target} 的预测</translation>
    </message>
    <message>
        <source>residual = predicted − actual: positive when the network says too much</source>
        <translation>残差 = 预测 − 实际：网络预测偏高时为正</translation>
    </message>
    <message>
        <source>Largest residuals (after the first epoch)</source>
        <translation>最大的残差（第一轮结束后显示）</translation>
    </message>
    <message>
        <source>The {shown} largest residuals (of {total} test samples)</source>
        <translation>最大的 {shown} 个残差（共 {total} 个测试样本）</translation>
    </message>
    <message>
        <source>Residuals, largest first</source>
        <translation>残差，从大到小</translation>
    </message>
    <message>
        <source>test sample #{index}</source>
        <translation>测试样本 #{index}</translation>
    </message>
</context>
<context>
    <name>RunCard</name>
    <message>
        <source>Test accuracy after the newest epoch (R² for regression); before the first epoch the share of the latest training samples classified right as they were trained on</source>
        <extracomment>Card width: room for a small surface and for &quot;accuracy 100.0 %&quot;.</extracomment>
        <translation>最近一轮结束后的测试准确率（回归时为 R²）；第一轮结束前，为最近训练样本在训练时被分类正确的比例</translation>
    </message>
    <message>
        <source>Test loss after the newest epoch; before the first, the loss of the latest update</source>
        <translation>最近一轮结束后的测试损失；第一轮结束前，为最近一次更新的损失</translation>
    </message>
    <message>
        <source>Epochs done, of the race&apos;s epochs</source>
        <translation>已完成的轮数 / 赛跑的总轮数</translation>
    </message>
    <message>
        <source>Updates (gradient-descent steps) made</source>
        <translation>已做的更新次数（梯度下降步数）</translation>
    </message>
    <message>
        <source>Seconds spent in training steps</source>
        <translation>花在训练步上的秒数</translation>
    </message>
    <message>
        <source>accuracy</source>
        <translation>准确率</translation>
    </message>
    <message>
        <source>loss</source>
        <translation>损失</translation>
    </message>
    <message>
        <source>epoch</source>
        <translation>轮次</translation>
    </message>
    <message>
        <source>updates</source>
        <translation>更新</translation>
    </message>
    <message>
        <source>seconds</source>
        <translation>秒数</translation>
    </message>
    <message>
        <source>&lt;b&gt;{run}&lt;/b&gt; &lt;span style=&apos;color:#b00020&apos;&gt;stopped&lt;/span&gt;</source>
        <translation>&lt;b&gt;{run}&lt;/b&gt; &lt;span style=&apos;color:#b00020&apos;&gt;已停止&lt;/span&gt;</translation>
    </message>
</context>
<context>
    <name>Session</name>
    <message>
        <source>the network takes {inputs} inputs but {data} has {features} features</source>
        <extracomment>Seconds spent on end-of-epoch test evaluations, so callers can time training alone. Whether each step also computes dL/dx for the views (one more matrix product per step). Whether an augmented step distorts the next batch&apos;s images on a worker thread meanwhile (prefetch.py). Worth it only where BLAS leaves a core idle, as in the window&apos;s trainer (one BLAS thread): where BLAS already has every core, the extra thread slows each step instead. The model file the network came from, if it was loaded rather than initialised here. The neuron (layer 1..L, index) whose worked example snapshots carry, and what its parameters were before the last step (a row and a column, never whole layers). Training accuracy (regression: R²) over the latest samples, from each step&apos;s own outputs (no extra pass). The input plane (2-D data) or line (1-D) that decision surfaces and fitted curves cover, queries included.</extracomment>
        <translation>网络有 {inputs} 个输入，但 {data} 有 {features} 个特征</translation>
    </message>
    <message>
        <source>the network has {outputs} outputs but {data} has one target to predict ({target})</source>
        <translation>网络有 {outputs} 个输出，但 {data} 只有一个要预测的目标（{target}）</translation>
    </message>
    <message>
        <source>the network has {outputs} outputs but {data} has {classes} classes</source>
        <translation>网络有 {outputs} 个输出，但 {data} 有 {classes} 个类别</translation>
    </message>
    <message>
        <source>{data} has no training samples</source>
        <translation>{data} 没有训练样本</translation>
    </message>
    <message>
        <source>the network was built for {task}; {data} is {other} data: rebuild it</source>
        <translation>网络是为{task}构建的；{data} 是{other}数据：请重建网络</translation>
    </message>
    <message>
        <source>Diverged: loss became NaN at step {step}. Lower the learning rate or Reset.</source>
        <translation>发散：损失在第 {step} 步变成了 NaN。请降低学习率或重置。</translation>
    </message>
    <message>
        <source>Diverged: loss became infinite at step {step}. Lower the learning rate or Reset.</source>
        <translation>发散：损失在第 {step} 步变成了无穷大。请降低学习率或重置。</translation>
    </message>
</context>
<context>
    <name>SurfaceLabels</name>
    <message>
        <source>class {name}</source>
        <extracomment>Activations whose values lie in [0, 1]: drawn on the output&apos;s scale, white at 0.5. Activations whose values lie in [−1, 1]. A model file&apos;s name is cut to this many characters in a title.</extracomment>
        <translation>类别 {name}</translation>
    </message>
    <message>
        <source>before training</source>
        <translation>训练前</translation>
    </message>
    <message>
        <source>after step {step}</source>
        <translation>第 {step} 步后</translation>
    </message>
    <message>
        <source>loaded model {name}</source>
        <translation>已载入模型 {name}</translation>
    </message>
    <message>
        <source>loaded model {name} + 1 step</source>
        <translation>已载入模型 {name} + 1 步</translation>
    </message>
    <message>
        <source>loaded model {name} + {steps} steps</source>
        <translation>已载入模型 {name} + {steps} 步</translation>
    </message>
    <message>
        <source>loaded model {name}, saved after step {step}</source>
        <translation>已载入模型 {name}，保存于第 {step} 步后</translation>
    </message>
    <message>
        <source>after step {step} ({name} + 1 step)</source>
        <translation>第 {step} 步后（{name} + 1 步）</translation>
    </message>
    <message>
        <source>after step {step} ({name} + {steps} steps)</source>
        <translation>第 {step} 步后（{name} + {steps} 步）</translation>
    </message>
    <message>
        <source>Network output {what}</source>
        <translation>网络输出 {what}</translation>
    </message>
    <message>
        <source>blue {low} · white {middle} · orange {high}</source>
        <translation>蓝 {low} · 白 {middle} · 橙 {high}</translation>
    </message>
    <message>
        <source>Input {feature}</source>
        <translation>输入 {feature}</translation>
    </message>
    <message>
        <source>its value at each point: {scale}</source>
        <translation>它在每一点的值：{scale}</translation>
    </message>
    <message>
        <source>Hidden {layer} · neuron {neuron} ({activation})</source>
        <translation>隐藏层 {layer} · 神经元 {neuron}（{activation}）</translation>
    </message>
    <message>
        <source>activation a: {scale}</source>
        <translation>激活值 a：{scale}</translation>
    </message>
    <message>
        <source>activation a</source>
        <translation>激活值 a</translation>
    </message>
</context>
<context>
    <name>SurfaceView</name>
    <message>
        <source>Which output neuron&apos;s activation colours the plane</source>
        <extracomment>The learner added or moved a point (point_editor.py): every point now, as (x1, x2, label).</extracomment>
        <translation>用哪个输出神经元的激活值给平面着色</translation>
    </message>
    <message>
        <source>output neuron</source>
        <translation>输出神经元</translation>
    </message>
    <message>
        <source>Show output</source>
        <translation>显示输出</translation>
    </message>
    <message>
        <source>Colour the plane by the network&apos;s output again</source>
        <translation>重新按网络的输出给平面着色</translation>
    </message>
    <message>
        <source>query (network&apos;s answer)</source>
        <translation>查询点（网络的回答）</translation>
    </message>
    <message>
        <source>boundary (p = {threshold})</source>
        <translation>决策边界（p = {threshold}）</translation>
    </message>
    <message>
        <source>output {k}</source>
        <translation>输出 {k}</translation>
    </message>
    <message>
        <source>Decision surface: available for 2-D datasets</source>
        <extracomment>Shown instead of the plane for data that is not 2-D (through i18n.said, in the window&apos;s language).</extracomment>
        <translation>决策面：仅适用于二维数据集</translation>
    </message>
</context>
<context>
    <name>Trainer</name>
    <message>
        <source>Not enough memory for that; training paused. Try a smaller network or batch.</source>
        <extracomment>Snapshots in flight at once; the next is made only when the client has taken one. Snapshots are spaced at least this many times their own cost apart, so making and sending them takes at most ~1/SNAPSHOT_SHARE of the trainer&apos;s time. How long the loop trains before it reads commands again (pause answers within this). Surfaces made per second at most while training plays: the window redraws its surface view 20 times a second, and the diagram&apos;s small maps need no more. Sessions distort their next augmented batch on a worker thread (see session.distort_ahead). The longest training step of this session (end-of-epoch evaluation included): how long the window must be ready to wait for an answer. The neuron the window inspects; kept across rebuilds and loads while the network has it.</extracomment>
        <translation>内存不足，训练已暂停。请尝试更小的网络或批大小。</translation>
    </message>
    <message>
        <source>Internal error in the trainer ({error}: {message}); training paused.</source>
        <translation>训练进程内部错误（{error}: {message}），训练已暂停。</translation>
    </message>
    <message>
        <source>{problem} Training paused.</source>
        <translation>{problem}训练已暂停。</translation>
    </message>
    <message>
        <source>Saved the model to {path}</source>
        <translation>模型已保存到 {path}</translation>
    </message>
    <message>
        <source>{file} is a {layers} network, which does not fit the current dataset; choose the dataset it was trained on first</source>
        <translation>{file} 是 {layers} 网络，与当前数据集不匹配；请先选择它训练时所用的数据集</translation>
    </message>
    <message>
        <source>{file} is a {layers} network, which does not fit the {data} dataset; choose the dataset it was trained on first</source>
        <translation>{file} 是 {layers} 网络，与 {data} 数据集不匹配；请先选择它训练时所用的数据集</translation>
    </message>
    <message>
        <source>{file}: preprocessing.targets must be two different numbers, got {targets}</source>
        <translation>{file}：preprocessing.targets 必须是两个不同的数，得到的是 {targets}</translation>
    </message>
    <message>
        <source>Loaded {file}</source>
        <translation>已载入 {file}</translation>
    </message>
</context>
<context>
    <name>TrainerClient</name>
    <message>
        <source>it is not running</source>
        <extracomment>The spawn context: a fresh interpreter. Forking a process that runs Qt is unsafe, and spawn is what macOS and Windows do anyway. Called with each of the client&apos;s threads before it starts (the window makes its garbage collection wait for them: nnviz.gui.main_thread_gc). (samples trained, seconds spent training, the slowest step so far) as of the newest snapshot.</extracomment>
        <translation>它没有在运行</translation>
    </message>
    <message>
        <source>it closed its connection</source>
        <translation>它关闭了连接</translation>
    </message>
    <message>
        <source>ended by {signal}</source>
        <translation>被 {signal} 信号终止</translation>
    </message>
    <message>
        <source>exit code {code}</source>
        <translation>退出码 {code}</translation>
    </message>
</context>
<context>
    <name>TrainerLink</name>
    <message>
        <source>The trainer process had stopped</source>
        <extracomment>How long the trainer may take to answer a pause before it is ended and restarted. BLAS threads of the trainer the window runs. Measured on 2 cores (mnist-fast, 10 s runs, alternated): with 1 thread the trainer trains at 0.80-0.84 of headless 2-thread speed and the event loop&apos;s p99 is 6-9 ms; with 2 threads, 0.62-0.66 and 14-22 ms: the window needs part of a core, and a GEMM split in two waits for its slower half. With 1 BLAS thread the trainer also distorts the next augmented batch on the core the window leaves (prefetch.py): 0.86-0.91 of headless (gui_overhead.py, 20 s runs). NNVIZ_BLAS_THREADS overrides it (0: BLAS&apos;s own count). A trainer that dies again this soon after a restart is not given the same settings a third time. One line for the status bar; training is paused. A str, or a Phrase (nnviz.engine.phrases) from the trainer that `said()` translates: `object`, as a Signal(str) would make it a plain str. The trainer was restarted and is rebuilding the last session; the line says why (after `failed`). Spaces the trainer&apos;s snapshots by what drawing them costs the window (frame_pacing.py).</extracomment>
        <translation>训练进程已经停止</translation>
    </message>
    <message>
        <source>The trainer process stopped unexpectedly ({how})</source>
        <translation>训练进程意外停止（{how}）</translation>
    </message>
    <message>
        <source>The trainer did not answer within {seconds} s and was stopped</source>
        <translation>训练进程在 {seconds} 秒内没有响应，已被终止</translation>
    </message>
    <message>
        <source>{why}; a new one is ready. Choose the settings to train again.</source>
        <translation>{why}；新的训练进程已就绪。请选择设置重新训练。</translation>
    </message>
    <message>
        <source>{why}; restarted it with the last settings (its training so far is lost).</source>
        <translation>{why}；已用上次的设置重新启动（之前的训练结果已丢失）。</translation>
    </message>
</context>
<context>
    <name>TrainingController</name>
    <message>
        <source>Building {sizes} network on {data}…</source>
        <extracomment>Changes of data sent to the trainer per second at most (each one reloads the data there). A change of data is sent at least this many times its own cost apart (thousands of points dragged cost milliseconds to check and send), so a drag leaves the window most of its time. In slow motion the finished step is shown whole this long before the next one starts. A new network was built (or loaded): every view resets from it. A newer snapshot is shown: counters and charts draw it (at most once per frame). What the diagram shows now: the step (phase None) or, in slow motion, one phase of it. Where the phase shown is in its step: &quot;Phase 3 of 8: forward, layer 2&quot; (&quot;&quot; when none is). The network trains on other data now (same network, its history goes on): views show the data. A rebuild was refused: the controls go back to this preset, the one still training. New data was refused (a file gone, data of another shape): the data rows go back to this session&apos;s. (epochs, test accuracy) of a finish, said with the snapshot it describes</extracomment>
        <translation>正在 {data} 上构建 {sizes} 网络…</translation>
    </message>
    <message>
        <source>No training step yet: press . (next phase) to train one and walk through it.</source>
        <translation>还没有训练步：按 .（下一阶段）训练一步并逐阶段查看。</translation>
    </message>
    <message>
        <source>This is the step&apos;s first phase: the steps before it are not kept.</source>
        <translation>这是这一步的第一个阶段：之前的训练步没有保留。</translation>
    </message>
    <message>
        <source>Model</source>
        <translation>模型</translation>
    </message>
    <message>
        <source>{name}: {sizes} network on {data} ({n} training samples). Press Space to train.</source>
        <translation>{name}：{data} 上的 {sizes} 网络（{n} 个训练样本）。按空格键开始训练。</translation>
    </message>
    <message>
        <source>Training on {data} ({n} training samples): the same network, its training goes on.</source>
        <translation>现在在 {data} 上训练（{n} 个训练样本）：网络不变，训练继续。</translation>
    </message>
    <message>
        <source>input</source>
        <translation>输入</translation>
    </message>
    <message>
        <source>forward, layer {layer}</source>
        <translation>前向传播，第 {layer} 层</translation>
    </message>
    <message>
        <source>loss</source>
        <translation>损失</translation>
    </message>
    <message>
        <source>backward, layer {layer}</source>
        <translation>反向传播，第 {layer} 层</translation>
    </message>
    <message>
        <source>update</source>
        <translation>更新</translation>
    </message>
    <message>
        <source>Phase {k} of {n}: {where} · held (, and . step)</source>
        <translation>阶段 {k}/{n}：{where} · 已停留（按 , 和 . 切换）</translation>
    </message>
    <message>
        <source>Phase {k} of {n}: {where}</source>
        <translation>阶段 {k}/{n}：{where}</translation>
    </message>
    <message>
        <source>Stepping through the epoch… Space or Cancel stops it where it is.</source>
        <translation>正在逐步运行这一轮… 按空格键或“取消”可停在当前位置。</translation>
    </message>
    <message>
        <source>Finished 1 epoch. Press Space to continue.</source>
        <translation>已完成 1 轮。按空格键继续。</translation>
    </message>
    <message>
        <source>Finished {epochs} epochs. Press Space to continue.</source>
        <translation>已完成 {epochs} 轮。按空格键继续。</translation>
    </message>
    <message>
        <source>Finished 1 epoch — test accuracy {accuracy}. Press Space to continue.</source>
        <translation>已完成 1 轮 — 测试准确率 {accuracy}。按空格键继续。</translation>
    </message>
    <message>
        <source>Finished {epochs} epochs — test accuracy {accuracy}. Press Space to continue.</source>
        <translation>已完成 {epochs} 轮 — 测试准确率 {accuracy}。按空格键继续。</translation>
    </message>
</context>
<context>
    <name>Transport</name>
    <message>
        <source>slow motion</source>
        <extracomment>Speed positions: training steps per second (None = as fast as possible). Slow motion plays each step&apos;s phases over about a second.</extracomment>
        <translation>慢动作</translation>
    </message>
    <message>
        <source>full speed</source>
        <translation>全速</translation>
    </message>
    <message>
        <source>{rate} steps/s</source>
        <translation>{rate} 步/秒</translation>
    </message>
    <message>
        <source>Training</source>
        <translation>训练</translation>
    </message>
    <message>
        <source>Step sample</source>
        <translation>单步：样本</translation>
    </message>
    <message>
        <source>Train on one sample (→)</source>
        <translation>用一个样本训练（→）</translation>
    </message>
    <message>
        <source>Step batch</source>
        <translation>单步：批量</translation>
    </message>
    <message>
        <source>Train on one batch (Shift+→)</source>
        <translation>用一批样本训练（Shift+→）</translation>
    </message>
    <message>
        <source>Step epoch</source>
        <translation>单步：一轮</translation>
    </message>
    <message>
        <source>Train one whole epoch (Ctrl+→)</source>
        <translation>训练完整的一轮（Ctrl+→）</translation>
    </message>
    <message>
        <source>‹ Phase</source>
        <translation>‹ 阶段</translation>
    </message>
    <message>
        <source>Hold the previous phase of this step (,)</source>
        <translation>停在这一步的上一个阶段（,）</translation>
    </message>
    <message>
        <source>Phase ›</source>
        <translation>阶段 ›</translation>
    </message>
    <message>
        <source>Hold the next phase of this step: input, forward, loss, backward, update; past the update, train one step (.)</source>
        <translation>停在这一步的下一个阶段：输入、前向传播、损失、反向传播、更新；过了更新阶段则训练一步（.）</translation>
    </message>
    <message>
        <source>Reset</source>
        <translation>重置</translation>
    </message>
    <message>
        <source>Rebuild the network with the same starting weights (R)</source>
        <translation>用相同的初始权重重新构建网络（R）</translation>
    </message>
    <message>
        <source>Reset with new weights</source>
        <translation>用新权重重置</translation>
    </message>
    <message>
        <source>Rebuild the network with a new random seed (Shift+R)</source>
        <translation>用新的随机种子重新构建网络（Shift+R）</translation>
    </message>
    <message>
        <source>Full speed</source>
        <translation>全速</translation>
    </message>
    <message>
        <source>Train as fast as this computer can (Ctrl+↑)</source>
        <translation>以这台电脑的最快速度训练（Ctrl+↑）</translation>
    </message>
    <message>
        <source>Start or pause training (Space)</source>
        <translation>开始或暂停训练（空格键）</translation>
    </message>
    <message>
        <source>Speed:</source>
        <translation>速度：</translation>
    </message>
    <message>
        <source>From slow motion (one step played phase by phase) to full speed</source>
        <translation>从慢动作（一步按阶段逐一播放）到全速</translation>
    </message>
    <message>
        <source> s</source>
        <translation> 秒</translation>
    </message>
    <message>
        <source>Slow motion: how long each phase of a step is shown</source>
        <translation>慢动作：每一步的每个阶段显示多久</translation>
    </message>
    <message>
        <source>per phase</source>
        <translation>每阶段</translation>
    </message>
    <message>
        <source>Completed epochs, training steps (weight updates) and samples trained on</source>
        <translation>已完成的轮数、训练步数（权重更新次数）和已训练的样本数</translation>
    </message>
    <message>
        <source>Pause</source>
        <translation>暂停</translation>
    </message>
    <message>
        <source>Play</source>
        <translation>播放</translation>
    </message>
    <message>
        <source>epoch &lt;b&gt;{epoch}&lt;/b&gt; · step &lt;b&gt;{step}&lt;/b&gt; · samples &lt;b&gt;{samples}&lt;/b&gt;</source>
        <translation>轮次 &lt;b&gt;{epoch}&lt;/b&gt; · 步数 &lt;b&gt;{step}&lt;/b&gt; · 样本 &lt;b&gt;{samples}&lt;/b&gt;</translation>
    </message>
</context>
<context>
    <name>ValueScale</name>
    <message>
        <source>target</source>
        <extracomment>Contour lines: thin and grey, so they read as a map&apos;s height lines, not as a decision boundary.</extracomment>
        <translation>目标</translation>
    </message>
    <message>
        <source>Network&apos;s prediction of {target}</source>
        <translation>网络对 {target} 的预测</translation>
    </message>
    <message>
        <source>predicted {target}</source>
        <translation>预测 {target}</translation>
    </message>
    <message>
        <source>data (fill: its {target})</source>
        <translation>数据（填色：其 {target}）</translation>
    </message>
    <message>
        <source>predicted {target} = {value}</source>
        <translation>预测 {target} = {value}</translation>
    </message>
</context>
<context>
    <name>WeightsView</name>
    <message>
        <source>neuron i of layer {layer}</source>
        <extracomment>The longest text the readout shows here (a cell&apos;s ΔW at the widest numbers), for its fixed width.</extracomment>
        <translation>第 {layer} 层神经元 i</translation>
    </message>
    <message>
        <source>neuron j of layer {layer}</source>
        <translation>第 {layer} 层神经元 j</translation>
    </message>
    <message>
        <source>show last update ΔW</source>
        <extracomment>Pixel width of the bias strip (when its rows are too short to print in) and the height every bottom axis gets, so W and b line up. A row is at most this many text lines tall: a 1×10 matrix is a strip, not a band filling the tab. Matrices share the tab&apos;s width in proportion to their columns, counting at most this many.</extracomment>
        <translation>显示上一次更新 ΔW</translation>
    </message>
    <message>
        <source>Show how much the last training step changed each weight and bias</source>
        <translation>显示上一步训练使每个权重和偏置改变了多少</translation>
    </message>
    <message>
        <source>input j</source>
        <translation>输入 j</translation>
    </message>
    <message>
        <source>ΔW, Δb: change made by the last step — {decrease} · 0 · {increase}</source>
        <translation>ΔW、Δb：上一步造成的变化 — {decrease} · 0 · {increase}</translation>
    </message>
    <message>
        <source>decrease</source>
        <translation>减小</translation>
    </message>
    <message>
        <source>increase</source>
        <translation>增大</translation>
    </message>
    <message>
        <source>negative</source>
        <translation>负</translation>
    </message>
    <message>
        <source>positive</source>
        <translation>正</translation>
    </message>
    <message>
        <source>(no update yet)</source>
        <translation>（还没有更新）</translation>
    </message>
</context>
<context>
    <name>WindowMemory</name>
    <message>
        <source>nnviz models (*.npz)</source>
        <translation>nnviz 模型 (*.npz)</translation>
    </message>
    <message>
        <source>{filter};;All files (*)</source>
        <translation>{filter};;所有文件 (*)</translation>
    </message>
    <message>
        <source>nnviz experiments (*.json)</source>
        <translation>nnviz 实验 (*.json)</translation>
    </message>
    <message>
        <source>Python scripts (*.py)</source>
        <translation>Python 脚本 (*.py)</translation>
    </message>
    <message>
        <source>Save model</source>
        <translation>保存模型</translation>
    </message>
    <message>
        <source>Export as Python</source>
        <translation>导出为 Python</translation>
    </message>
    <message>
        <source>Save experiment</source>
        <translation>保存实验</translation>
    </message>
    <message>
        <source>Open experiment</source>
        <translation>打开实验</translation>
    </message>
</context>
</TS>
