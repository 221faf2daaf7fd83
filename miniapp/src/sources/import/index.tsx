import { useEffect, useRef, useState, type ChangeEvent, type ReactNode } from 'react';
import Taro from '@tarojs/taro';
import { Text, View } from '@tarojs/components';
import type { ImportJobViewT, ImportReportT } from '@green-shield/shared/api/source-schemas';
import type { ImportFormat } from '@green-shield/shared/api/limits';
import { call, uploadImportFile, type LocalFile } from '../../api/client';
import { Button } from '../../components/Button';
import { FormError } from '../../components/FormError';
import { EmptyState } from '../../components/PageState';
import { Section } from '../../components/Section';
import { useSignedInUser } from '../../hooks/useSignedInUser';
import { zh } from '../../i18n/zh-CN';
import { openSourceSearch } from '../../navigation';
import { isBureauOfficer } from '../../session';
import { checkImportFile, importReportView, isJobFinished, jobPercent, jobStatusText } from './import-report';
import { RecentImportsSection, useRecentImports } from './RecentImports';
import { TemplateDownload } from './TemplateDownload';
import './index.scss';

const t = zh.sourceImport;
const IS_H5 = process.env.TARO_ENV === 'h5';
const POLL_INTERVAL_MS = 1000;
/** Upload failures read as being about the file here, not about a photo. */
const FILE_WORDING = { INVALID_UPLOAD: t.uploadInvalid, PAYLOAD_TOO_LARGE: t.tooLarge };

interface ChosenFile extends LocalFile {
  name: string;
  format: ImportFormat;
}

/** One import job as the page follows it: the upload before it (校验 only), then its progress. */
interface JobRun {
  busy: boolean;
  uploadPercent?: number;
  job?: ImportJobViewT;
  error?: unknown;
}
const IDLE: JobRun = { busy: false };
const hasStarted = (run: JobRun) => run.busy || run.job !== undefined || run.error !== undefined;

/**
 * Starts a job and asks for it every second until it is done or failed. Starting again, `reset`
 * or leaving the page stops following the previous one; `resume` follows it again after a
 * failed request.
 */
function useImportJob() {
  const [run, setRun] = useState<JobRun>(IDLE);
  const generation = useRef(0);
  useEffect(
    () => () => {
      generation.current += 1; // leaving the page stops following
    },
    [],
  );

  const follow = async (job: ImportJobViewT, mine: number) => {
    let current = job;
    try {
      while (!isJobFinished(current)) {
        await new Promise((resolve) => setTimeout(resolve, POLL_INTERVAL_MS));
        if (mine !== generation.current) return;
        current = await call('getImport', { params: { id: current.id } });
        if (mine !== generation.current) return;
        setRun({ busy: !isJobFinished(current), job: current });
      }
    } catch (error) {
      if (mine === generation.current) setRun({ busy: false, job: current, error });
    }
  };

  const start = async (begin: (onUploadProgress: (percent: number) => void) => Promise<ImportJobViewT>) => {
    const mine = ++generation.current;
    setRun({ busy: true });
    try {
      const job = await begin((uploadPercent) => {
        if (mine === generation.current) setRun({ busy: true, uploadPercent });
      });
      if (mine !== generation.current) return;
      setRun({ busy: !isJobFinished(job), job });
      await follow(job, mine);
    } catch (error) {
      if (mine === generation.current) setRun({ busy: false, error });
    }
  };

  const resume = () => {
    if (!run.job) return;
    const mine = ++generation.current;
    setRun({ busy: true, job: run.job });
    void follow(run.job, mine);
  };

  const reset = () => {
    generation.current += 1;
    setRun(IDLE);
  };

  return { run, start, resume, reset };
}

/** The counts and the rows with problems (第 N 行 · 列 · 原因). Ids `<idPrefix>-report`, `-count-<key>`, `-error-<n>`, `-errors-more`. */
function ImportReportView({ idPrefix, report }: { idPrefix: string; report: ImportReportT }) {
  const view = importReportView(report);
  return (
    <View className="import-report" id={`${idPrefix}-report`} data-dry-run={String(report.dryRun)}>
      <View className="import-report__counts">
        {view.counts.map((count) => (
          <View
            key={count.key}
            className={`import-report__count${count.alert ? ' import-report__count--alert' : ''}`}
            id={`${idPrefix}-count-${count.key}`}
            data-value={count.value}
          >
            <Text className="import-report__value">{count.value}</Text>
            <Text className="import-report__label">{count.label}</Text>
          </View>
        ))}
      </View>
      {view.errorLines.length === 0 ? (
        <Text className="import-report__ok">{t.noErrors}</Text>
      ) : (
        <View className="import-report__errors">
          <Text className="import-report__errors-title">{t.errorsTitle}</Text>
          {view.errorLines.map((line, index) => (
            // biome-ignore lint/suspicious/noArrayIndexKey: a report's lines are a fixed snapshot, never reordered, and two can read the same
            <Text key={index} className="import-report__error" id={`${idPrefix}-error-${index}`}>
              {line}
            </Text>
          ))}
          {view.moreErrors && (
            <Text className="import-report__more" id={`${idPrefix}-errors-more`}>
              {view.moreErrors}
            </Text>
          )}
        </View>
      )}
    </View>
  );
}

/**
 * One job (校验 or 导入): its progress while it runs (`<idPrefix>-progress`, `data-status` =
 * `uploading` / `queued` / `running`), why it failed (`<idPrefix>-failure`), the report once done,
 * and `children` (what to do next).
 */
function ImportJobSection({
  idPrefix,
  title,
  run,
  onResume,
  children,
}: {
  idPrefix: string;
  title: string;
  run: JobRun;
  onResume: () => void;
  children?: ReactNode;
}) {
  const { job } = run;
  const uploading = run.busy && !job;
  const progressText = uploading ? t.uploading(run.uploadPercent ?? 0) : job && jobStatusText(job);
  const percent = uploading ? (run.uploadPercent ?? 0) : job ? jobPercent(job) : 0;
  return (
    <Section title={title} id={idPrefix}>
      {run.busy && (
        <View className="import-progress" id={`${idPrefix}-progress`} data-status={uploading ? 'uploading' : job?.status}>
          <Text className="import-progress__text">{progressText}</Text>
          <View className="import-progress__bar">
            <View className="import-progress__fill" style={{ width: `${percent}%` }} />
          </View>
        </View>
      )}
      {job?.status === 'failed' && (
        <Text className="form-error" id={`${idPrefix}-failure`}>
          {jobStatusText(job)}
        </Text>
      )}
      <FormError error={run.error} id={`${idPrefix}-error`} wording={FILE_WORDING} />
      {run.error !== undefined && job && !isJobFinished(job) && (
        <Button id={`${idPrefix}-resume`} variant="secondary" small onClick={onResume}>
          {t.resume}
        </Button>
      )}
      {job?.status === 'done' && job.report && <ImportReportView idPrefix={idPrefix} report={job.report} />}
      {children}
    </Section>
  );
}

/**
 * "批量导入污染源" (bureau officers): a CSV or XLSX file goes to storage with an upload ticket,
 * a dry run (校验) reports what it would do and which rows are wrong, and 确认导入 runs the same
 * upload for real. H5 picks the file with a real file input (Taro has no document picker there);
 * WeChat takes it from a chat (`chooseMessageFile`).
 */
export default function SourceImportPage() {
  const user = useSignedInUser();
  if (!user) return null;
  if (!isBureauOfficer(user)) return <EmptyState title={t.bureauOnly} />;
  return <ImportWorkspace />;
}

/** The page for a bureau officer. */
function ImportWorkspace() {
  const [file, setFile] = useState<ChosenFile>();
  const [fileProblem, setFileProblem] = useState<string>();
  const [uploadKey, setUploadKey] = useState<string>();
  const check = useImportJob();
  const commit = useImportJob();
  const input = useRef<HTMLInputElement>(null);
  const objectUrl = useRef<string>();
  useEffect(
    () => () => {
      if (objectUrl.current) URL.revokeObjectURL(objectUrl.current);
    },
    [],
  );
  const recent = useRecentImports();
  const { reload: reloadRecent } = recent;
  const finishedJobs = [check.run.job, commit.run.job]
    .filter((job) => job && isJobFinished(job))
    .map((job) => job!.id)
    .join();
  useEffect(() => {
    if (finishedJobs) void reloadRecent();
  }, [finishedJobs, reloadRecent]);

  const accept = (chosen: LocalFile & { name: string }) => {
    const checked = checkImportFile(chosen);
    if ('problem' in checked) {
      setFileProblem(checked.problem);
      return;
    }
    setFileProblem(undefined);
    setFile({ ...chosen, format: checked.format });
    setUploadKey(undefined);
    check.reset();
    commit.reset();
  };

  const choose = async () => {
    if (IS_H5) {
      input.current?.click();
      return;
    }
    const chosen = await Taro.chooseMessageFile({ count: 1, type: 'file', extension: ['csv', 'xlsx'] }).catch(() => null); // closed the picker
    const picked = chosen?.tempFiles[0];
    if (picked) accept({ path: picked.path, size: picked.size, name: picked.name });
  };

  const onInputChange = (event: ChangeEvent<HTMLInputElement>) => {
    const picked = event.target.files?.[0];
    event.target.value = ''; // choosing the same file again is a change too
    if (!picked) return;
    if (objectUrl.current) URL.revokeObjectURL(objectUrl.current);
    objectUrl.current = URL.createObjectURL(picked);
    accept({ path: objectUrl.current, size: picked.size, name: picked.name });
  };

  const validate = (chosen: ChosenFile) => {
    commit.reset();
    void check.start(async (onUploadProgress) => {
      const key = await uploadImportFile(chosen, chosen.format, onUploadProgress);
      setUploadKey(key);
      return call('importSources', { body: { uploadKey: key, dryRun: true } });
    });
  };

  const confirmImport = (key: string) => void commit.start(() => call('importSources', { body: { uploadKey: key, dryRun: false } }));

  const busy = check.run.busy || commit.run.busy;
  const checked = check.run.job?.status === 'done' ? check.run.job.report : undefined;
  const committed = commit.run.job?.status === 'done';

  return (
    <View className="page source-import">
      <Section title={zh.titles.sourceImport}>
        <Text className="source-import__text">{t.intro}</Text>
        <Text className="source-import__text source-import__text--strong" id="import-reimport">
          {t.reimport}
        </Text>
        <View className="source-import__columns" id="import-columns">
          <Text className="source-import__columns-title">{t.columnsTitle}</Text>
          <Text className="source-import__text">{t.requiredColumns}</Text>
          <Text className="source-import__text">{t.optionalColumns}</Text>
        </View>
        <Text className="source-import__hint">{t.limits}</Text>
        <TemplateDownload />
      </Section>

      <Section title={t.fileTitle}>
        <View className="source-import__file" id="import-file" data-format={file?.format ?? ''}>
          <Text className={`source-import__file-name${file ? '' : ' source-import__file-name--none'}`}>{file ? file.name : t.noFile}</Text>
          {file && <Text className="source-import__file-size">{t.fileSize(file.size)}</Text>}
        </View>
        {fileProblem && (
          <Text className="field__error" id="import-file-error">
            {fileProblem}
          </Text>
        )}
        {IS_H5 && <input ref={input} id="import-file-input" className="source-import__file-input" type="file" accept=".csv,.xlsx" onChange={onInputChange} />}
        <View className="source-import__buttons">
          <Button id="import-choose-file" variant="secondary" disabled={busy} onClick={() => void choose()}>
            {file ? t.chooseAnother : t.chooseFile}
          </Button>
          <Button id="import-validate" className="source-import__validate" disabled={!file || busy} onClick={() => file && validate(file)}>
            {t.validate}
          </Button>
        </View>
      </Section>

      {hasStarted(check.run) && (
        <ImportJobSection idPrefix="import-check" title={t.checkTitle} run={check.run} onResume={check.resume}>
          {checked && uploadKey && !hasStarted(commit.run) && (
            <View className="source-import__next">
              {checked.valid > 0 ? (
                <>
                  <Text className="source-import__hint">{t.commitHint(checked.rejected)}</Text>
                  <Button id="import-confirm" block onClick={() => confirmImport(uploadKey)}>
                    {t.commit}
                  </Button>
                </>
              ) : (
                <Text className="source-import__hint" id="import-nothing">
                  {t.nothingToImport}
                </Text>
              )}
            </View>
          )}
        </ImportJobSection>
      )}

      {hasStarted(commit.run) && (
        <ImportJobSection idPrefix="import-commit" title={t.commitTitle} run={commit.run} onResume={commit.resume}>
          {committed && (
            <View className="source-import__buttons source-import__next">
              <Button id="import-another" variant="secondary" onClick={() => void choose()}>
                {t.importAnother}
              </Button>
              <Button id="import-view-sources" className="source-import__validate" onClick={() => openSourceSearch()}>
                {t.viewSources}
              </Button>
            </View>
          )}
        </ImportJobSection>
      )}

      <RecentImportsSection recent={recent} />
    </View>
  );
}
