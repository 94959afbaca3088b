import { Migration } from '@mikro-orm/migrations';

/**
 * A vacancy references its employer by BIN only: `postVacancy` receives the BIN of the
 * employer's token, and the enterprise id lives in the enterprises subgraph, which this one
 * never reads. The employer's list index moves to the BIN with it.
 */
export class Migration20261123040000VacancyEmployerByBin extends Migration {
  override async up(): Promise<void> {
    this.addSql('drop index vacancies.vacancy_enterprise_status_posted');
    this.addSql('alter table vacancies.vacancy drop column enterprise_id');
    // Enterprise.vacancies(status) pages, the per-employer counts and shortages, and the
    // location a new vacancy inherits from its employer's latest one.
    this.addSql('create index vacancy_employer_status_posted on vacancies.vacancy (enterprise_bin, status, posted_at desc, id desc)');
  }
}
